package org.vidssl.core.settings;

import java.util.Iterator;

/**
 * The ids of one list, in order, as a class with a no-argument constructor: what picocli's
 * {@code completionCandidates} takes, so the command line's help ({@code ${COMPLETION-CANDIDATES}}) and shell
 * completion list exactly the entries of the list. Each list declares its own as a nested {@code Ids} class.
 */
public abstract class ChoiceIds<E extends Enum<E> & Choice> implements Iterable<String> {

    private final Class<E> list;

    protected ChoiceIds(Class<E> list) {
        this.list = list;
    }

    @Override
    public Iterator<String> iterator() {
        return Choices.ids(list).iterator();
    }
}
