package org.vidssl.core.dataset;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.vidssl.core.dataset.DatasetSettings.Layout;
import org.vidssl.core.io.ReadLimits;
import org.vidssl.core.progress.Progress;

/**
 * Reads a dataset into a {@link VideoDataset}.
 * <p>
 * Split files (UCF101/HMDB51 as IIC uses them): {@code classInd.txt} ({@code 1 ApplyEyeMakeup}),
 * {@code trainlist0N.txt} ({@code Class/v_Class_g08_c01.avi 1}) and {@code testlist0N.txt}
 * ({@code Class/v_Class_g01_c01.avi}). The class comes from the folder part of each path. A video is
 * found as a frame folder {@code root/<id>/} or {@code root/<class>/<id>/}, or as a video file
 * {@code root/<class>/<file>}, {@code root/<id>.<ext>} or {@code root/<class>/<id>.<ext>}; names are
 * matched ignoring case (UCF101's lists say {@code HandStandPushups}, its folders
 * {@code HandstandPushups}). Entries whose data is missing become {@link DatasetProblem}s and are skipped.
 * <p>
 * Class folders: {@code root/<class>/<video file or frame folder>}, split per class at random
 * (seeded, stratified).
 * <p>
 * Nothing outside the root is read: paths with {@code ..}, absolute paths elsewhere and symbolic
 * links that lead out of the root stop reading with a {@link DatasetException}.
 */
public final class DatasetReader {

    /** Video file extensions recognised, lower case. */
    public static final Set<String> VIDEO_EXTENSIONS = Set.of("avi", "mp4", "mkv", "webm", "mov");

    /** Frame image extensions counted in a frame folder, lower case. */
    public static final Set<String> FRAME_EXTENSIONS = Set.of("jpg", "jpeg", "png", "bmp");

    /** The folder UCF101 ships its split files in. */
    static final String UCF_SPLIT_FOLDER = "ucfTrainTestlist";

    private final Path root;
    private final Path realRoot;
    private final List<DatasetProblem> problems = new ArrayList<>();
    /** lower-case name -> entry, per listed folder (the listings are cached) */
    private final Map<Path, Map<String, Path>> listings = new HashMap<>();

    private DatasetReader(Path root) {
        this.root = root.toAbsolutePath().normalize();
        try {
            this.realRoot = this.root.toRealPath();
        } catch (IOException e) {
            throw new DatasetException(
                    root,
                    0,
                    "The dataset folder cannot be opened (" + e.getMessage() + "): check the path and permissions.",
                    e);
        }
    }

    /**
     * Reads the dataset the settings describe.
     *
     * @throws DatasetException         when a split file is missing or malformed, or a path leaves the root
     * @throws IllegalArgumentException when the settings are invalid
     */
    public static VideoDataset read(DatasetSettings settings, Progress progress) {
        settings.validate();
        DatasetReader reader = new DatasetReader(settings.root());
        return settings.layout() == Layout.SPLIT_FILES
                ? reader.readSplitFiles(settings, progress)
                : reader.readClassFolders(settings, progress);
    }

    // ---------------------------------------------------------------- split files

    private VideoDataset readSplitFiles(DatasetSettings settings, Progress progress) {
        Path splitDir = splitDir(settings);
        Path classFile = splitDir.resolve("classInd.txt");
        List<String> classes = readClassIndex(classFile);
        Map<String, Integer> classByLowerName = new HashMap<>();
        for (int i = 0; i < classes.size(); i++) {
            classByLowerName.put(lower(classes.get(i)), i);
        }
        String n = String.format(Locale.ROOT, "%02d", settings.split());
        Path trainFile = splitDir.resolve("trainlist" + n + ".txt");
        Path testFile = splitDir.resolve("testlist" + n + ".txt");
        List<String> trainLines = readLines(trainFile);
        List<String> testLines = readLines(testFile);

        List<VideoEntry> videos = new ArrayList<>();
        Map<String, Path> seen = new HashMap<>(); // lower-case video id -> list file that had it first
        int total = trainLines.size() + testLines.size();
        int done = 0;
        for (Split split : Split.values()) {
            Path file = split == Split.TRAIN ? trainFile : testFile;
            List<String> lines = split == Split.TRAIN ? trainLines : testLines;
            for (int i = 0; i < lines.size(); i++) {
                if (done++ % 256 == 0) {
                    progress.checkCancelled();
                    progress.report((double) done / total, "Reading " + file.getFileName() + " line " + (i + 1));
                }
                String line = lines.get(i);
                if (line.isEmpty()) {
                    continue;
                }
                VideoEntry entry = readListEntry(file, i + 1, line, split, classes, classByLowerName);
                if (entry == null) {
                    continue;
                }
                Path first = seen.putIfAbsent(lower(entry.videoId()), file);
                if (first != null) {
                    problems.add(new DatasetProblem(
                            file,
                            i + 1,
                            entry.videoId(),
                            "Video " + entry.videoId() + " is already listed in " + first.getFileName()
                                    + "; this line is skipped. Remove the duplicate line."));
                    continue;
                }
                videos.add(entry);
            }
        }
        progress.report(1, "Read " + videos.size() + " videos");
        return new VideoDataset(
                root.getFileName() == null
                        ? root.toString()
                        : root.getFileName().toString(),
                root,
                classes,
                videos,
                problems);
    }

    private Path splitDir(DatasetSettings settings) {
        if (settings.splitDir() != null) {
            return settings.splitDir();
        }
        // UCF101 unpacks its lists into ucfTrainTestlist/, inside the root or next to UCF-101/
        List<Path> places = new ArrayList<>(List.of(root, root.resolve(UCF_SPLIT_FOLDER)));
        if (root.getParent() != null) {
            places.add(root.getParent().resolve(UCF_SPLIT_FOLDER));
        }
        for (Path place : places) {
            if (Files.isRegularFile(place.resolve("classInd.txt"))) {
                return place;
            }
        }
        return root;
    }

    /** classInd.txt: {@code <1-based index> <name>} per line, indices 1..N without gaps. */
    private List<String> readClassIndex(Path file) {
        List<String> lines = readLines(file);
        Map<Integer, String> byIndex = new HashMap<>();
        Map<String, Integer> lineByName = new HashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isEmpty()) {
                continue;
            }
            String[] parts = line.split("\\s+");
            if (parts.length != 2) {
                throw new DatasetException(
                        file,
                        i + 1,
                        "Expected '<index> <class name>' (e.g. '1 ApplyEyeMakeup') but found '" + line
                                + "': fix this line (class names must not contain blanks).");
            }
            int index;
            try {
                index = Integer.parseInt(parts[0]);
            } catch (NumberFormatException e) {
                throw new DatasetException(
                        file,
                        i + 1,
                        "Class index '" + parts[0] + "' is not a whole number: write '<index> <class name>'.");
            }
            if (index < 1) {
                throw new DatasetException(
                        file, i + 1, "Class index " + index + " must be at least 1 (the file is 1-based).");
            }
            if (byIndex.putIfAbsent(index, parts[1]) != null) {
                throw new DatasetException(
                        file, i + 1, "Class index " + index + " is used twice: give every class its own index.");
            }
            Integer other = lineByName.putIfAbsent(lower(parts[1]), i + 1);
            if (other != null) {
                throw new DatasetException(
                        file,
                        i + 1,
                        "Class '" + parts[1] + "' is already defined on line " + other
                                + " (names are compared ignoring case): remove one of the lines.");
            }
        }
        if (byIndex.isEmpty()) {
            throw new DatasetException(
                    file, 0, "The class list is empty: write one '<index> <class name>' line per class.");
        }
        List<String> classes = new ArrayList<>();
        for (int i = 1; i <= byIndex.size(); i++) {
            String name = byIndex.get(i);
            if (name == null) {
                throw new DatasetException(
                        file,
                        0,
                        "Class indices must run from 1 to " + byIndex.size() + " without gaps, but " + i
                                + " is missing: renumber the classes.");
            }
            classes.add(name);
        }
        return classes;
    }

    /** One line of a train or test list; null when the entry is skipped (recorded as a problem). */
    private VideoEntry readListEntry(
            Path file,
            int lineNo,
            String line,
            Split split,
            List<String> classes,
            Map<String, Integer> classByLowerName) {
        String[] parts = line.split("\\s+");
        if (parts.length > 2) {
            problems.add(new DatasetProblem(
                    file,
                    lineNo,
                    null,
                    "Expected '<class>/<video> [label]' but found '" + line
                            + "'; the line is skipped. Paths with blanks are not supported: rename the video."));
            return null;
        }
        String relative = checkedRelativePath(file, lineNo, parts[0]);
        String[] segments = relative.split("/");
        String fileName = segments[segments.length - 1];
        String videoId = stripExtension(fileName);
        if (segments.length < 2) {
            problems.add(new DatasetProblem(
                    file,
                    lineNo,
                    videoId,
                    "'" + parts[0] + "' has no class folder; the line is skipped. Write it as '<class>/" + fileName
                            + "'."));
            return null;
        }
        String classFolder = segments[0];
        Integer classIndex = classByLowerName.get(lower(classFolder));
        if (classIndex == null) {
            problems.add(new DatasetProblem(
                    file,
                    lineNo,
                    videoId,
                    "Class folder '" + classFolder
                            + "' is not in classInd.txt; the line is skipped. Add the class to classInd.txt or"
                            + " fix the path."));
            return null;
        }
        if (parts.length == 2) {
            checkLabel(file, lineNo, videoId, parts[1], classIndex, classes);
        }
        Path source = locate(file, lineNo, segments, videoId);
        if (source == null) {
            problems.add(new DatasetProblem(
                    file,
                    lineNo,
                    videoId,
                    "No frame folder or video file found for '" + parts[0] + "' under " + root
                            + " (looked for " + videoId + "/, " + classFolder + "/" + videoId + "/, " + relative
                            + " and " + videoId
                            + ".avi/.mp4/.mkv/.webm/.mov); the video is skipped. Decode or copy it, or remove"
                            + " the line."));
            return null;
        }
        int frames = countFrames(source);
        if (frames == 0) {
            problems.add(new DatasetProblem(
                    file,
                    lineNo,
                    videoId,
                    "Frame folder " + source
                            + " holds no frame images; the video is skipped. Extract its frames again."));
            return null;
        }
        return new VideoEntry(nameWithoutExtension(source), classes.get(classIndex), classIndex, split, source, frames);
    }

    /** A list label that disagrees with the folder is reported; the folder decides the class. */
    private void checkLabel(Path file, int lineNo, String videoId, String label, int classIndex, List<String> classes) {
        try {
            int given = Integer.parseInt(label);
            if (given != classIndex + 1) {
                String givenName = given >= 1 && given <= classes.size() ? " (" + classes.get(given - 1) + ")" : "";
                problems.add(new DatasetProblem(
                        file,
                        lineNo,
                        videoId,
                        "Label " + given + givenName + " disagrees with the class folder " + classes.get(classIndex)
                                + " (index " + (classIndex + 1)
                                + "); the folder's class is used. Fix the label or move the video."));
            }
        } catch (NumberFormatException e) {
            problems.add(new DatasetProblem(
                    file,
                    lineNo,
                    videoId,
                    "Label '" + label + "' is not a whole number; the folder's class " + classes.get(classIndex)
                            + " is used. Write the 1-based class index from classInd.txt."));
        }
    }

    /**
     * The list path with '/' separators, relative to the root. Paths that climb out ({@code ..}) or
     * absolute paths outside the root are refused.
     */
    private String checkedRelativePath(Path file, int lineNo, String written) {
        String path = written.replace('\\', '/');
        boolean absolute = path.startsWith("/") || path.matches("^[A-Za-z]:/.*");
        if (absolute) {
            Path p = Path.of(written).toAbsolutePath().normalize();
            if (!p.isAbsolute() || !p.startsWith(root)) {
                throw new DatasetException(
                        file,
                        lineNo,
                        "'" + written + "' is an absolute path outside the dataset folder " + root
                                + ": list videos relative to the dataset folder, as '<class>/<video>'.");
            }
            path = root.relativize(p).toString().replace('\\', '/');
        }
        List<String> kept = new ArrayList<>();
        for (String segment : path.split("/")) {
            if (segment.equals("..")) {
                throw new DatasetException(
                        file,
                        lineNo,
                        "'" + written + "' contains '..' and could leave the dataset folder: "
                                + "list videos relative to the dataset folder, as '<class>/<video>'.");
            }
            if (!segment.isEmpty() && !segment.equals(".")) {
                kept.add(segment);
            }
        }
        if (kept.isEmpty()) {
            throw new DatasetException(file, lineNo, "'" + written + "' names no video: write '<class>/<video>'.");
        }
        return String.join("/", kept);
    }

    /** Finds the data of a listed video (frame folders first); null when there is none. */
    private Path locate(Path file, int lineNo, String[] segments, String videoId) {
        List<Path> candidates = new ArrayList<>();
        Path classDir = child(root, segments[0]);
        // root/<id>/ frame folder, root/<class>/<id>/ frame folder
        candidates.add(child(root, videoId));
        Path parent = root;
        for (int i = 0; i < segments.length - 1 && parent != null; i++) {
            parent = child(parent, segments[i]);
        }
        if (parent != null) {
            candidates.add(child(parent, videoId));
        }
        // root/<class>/<file as written>, root/<id>.<ext>, root/<class>/<id>.<ext>
        if (parent != null) {
            candidates.add(child(parent, segments[segments.length - 1]));
        }
        for (String ext : List.of("avi", "mp4", "mkv", "webm", "mov")) {
            candidates.add(child(root, videoId + "." + ext));
            if (classDir != null) {
                candidates.add(child(classDir, videoId + "." + ext));
            }
        }
        for (Path c : candidates) {
            if (c != null && Files.isDirectory(c)) {
                return checkInsideRoot(file, lineNo, c);
            }
        }
        for (Path c : candidates) {
            if (c != null
                    && Files.isRegularFile(c)
                    && VIDEO_EXTENSIONS.contains(extension(c.getFileName().toString()))) {
                return checkInsideRoot(file, lineNo, c);
            }
        }
        return null;
    }

    /** Refuses data that resolves (through symbolic links) outside the root. */
    private Path checkInsideRoot(Path file, int lineNo, Path candidate) {
        try {
            Path real = candidate.toRealPath();
            if (!real.startsWith(realRoot)) {
                throw new DatasetException(
                        file,
                        lineNo,
                        candidate + " is a link to " + real + ", outside the dataset folder " + realRoot
                                + ": copy or move the data into the dataset folder, or choose a dataset folder that"
                                + " contains it.");
            }
        } catch (IOException e) {
            throw new DatasetException(
                    file,
                    lineNo,
                    candidate + " cannot be opened (" + e.getMessage()
                            + "): check that the link target exists and is readable.",
                    e);
        }
        return candidate;
    }

    /** The entry of {@code dir} whose name equals {@code name} ignoring case (exact match preferred). */
    private Path child(Path dir, String name) {
        Path exact = dir.resolve(name);
        if (Files.exists(exact, LinkOption.NOFOLLOW_LINKS)) {
            return exact;
        }
        return listing(dir).get(lower(name));
    }

    private Map<String, Path> listing(Path dir) {
        return listings.computeIfAbsent(dir, d -> {
            Map<String, Path> map = new HashMap<>();
            if (Files.isDirectory(d)) {
                try (DirectoryStream<Path> s = Files.newDirectoryStream(d)) {
                    for (Path p : s) {
                        map.putIfAbsent(lower(p.getFileName().toString()), p);
                    }
                } catch (IOException e) {
                    throw new DatasetException(
                            d, 0, "The folder cannot be listed (" + e.getMessage() + "): check its permissions.", e);
                }
            }
            return map;
        });
    }

    // ---------------------------------------------------------------- class folders

    private VideoDataset readClassFolders(DatasetSettings settings, Progress progress) {
        List<Path> classDirs = new ArrayList<>();
        try (DirectoryStream<Path> s = Files.newDirectoryStream(root)) {
            for (Path p : s) {
                if (Files.isDirectory(p) && !p.getFileName().toString().startsWith(".")) {
                    classDirs.add(p);
                }
            }
        } catch (IOException e) {
            throw new DatasetException(
                    root, 0, "The dataset folder cannot be listed (" + e.getMessage() + "): check its permissions.", e);
        }
        classDirs.sort(
                (a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()));
        if (classDirs.isEmpty()) {
            throw new DatasetException(
                    root,
                    0,
                    "The dataset folder has no class folders: put the videos into one sub-folder per class, "
                            + "or use the split-file layout.");
        }
        List<String> classes = new ArrayList<>();
        Random random = new Random(settings.seed());
        List<VideoEntry> train = new ArrayList<>();
        List<VideoEntry> test = new ArrayList<>();
        Set<String> usedIds = new java.util.HashSet<>();
        for (int c = 0; c < classDirs.size(); c++) {
            progress.checkCancelled();
            progress.report(
                    (double) c / classDirs.size(),
                    "Reading class folder " + classDirs.get(c).getFileName());
            Path classDir = classDirs.get(c);
            String className = classDir.getFileName().toString();
            checkInsideRoot(classDir, 0, classDir);
            classes.add(className);
            List<Path> items = videosOfClass(classDir);
            if (items.isEmpty()) {
                problems.add(new DatasetProblem(
                        classDir,
                        0,
                        null,
                        "Class folder " + className + " holds no videos or frame folders; the class has no examples."));
                continue;
            }
            // sorted first, so the shuffle depends only on the seed and the folder contents
            items.sort((a, b) ->
                    a.getFileName().toString().compareTo(b.getFileName().toString()));
            List<Path> shuffled = new ArrayList<>(items);
            Collections.shuffle(shuffled, random);
            int testCount = testCount(items.size(), settings.testFraction());
            Set<Path> testItems = Set.copyOf(shuffled.subList(0, testCount));
            for (Path item : items) {
                int frames = countFrames(item);
                Split split = testItems.contains(item) ? Split.TEST : Split.TRAIN;
                // ids must be unique across the dataset (frame folders and embeddings are keyed by them):
                // a name another class already uses gets its class name in front
                String id = nameWithoutExtension(item);
                if (!usedIds.add(lower(id))) {
                    id = className + "_" + id;
                    if (!usedIds.add(lower(id))) {
                        problems.add(new DatasetProblem(
                                item,
                                0,
                                id,
                                "Video id " + id + " is used twice in the dataset; " + item
                                        + " is skipped. Rename one of the videos."));
                        continue;
                    }
                }
                VideoEntry entry = new VideoEntry(id, className, c, split, item, frames);
                (split == Split.TRAIN ? train : test).add(entry);
            }
        }
        List<VideoEntry> videos = new ArrayList<>(train);
        videos.addAll(test);
        progress.report(1, "Read " + videos.size() + " videos");
        return new VideoDataset(
                root.getFileName() == null
                        ? root.toString()
                        : root.getFileName().toString(),
                root,
                classes,
                videos,
                problems);
    }

    /** Held-out videos of a class: the rounded share, but at least one of each split when the class has two or more. */
    static int testCount(int videos, double testFraction) {
        if (videos < 2) {
            return 0;
        }
        int n = (int) Math.round(videos * testFraction);
        return Math.max(1, Math.min(videos - 1, n));
    }

    private List<Path> videosOfClass(Path classDir) {
        List<Path> items = new ArrayList<>();
        Map<String, Path> seen = new LinkedHashMap<>();
        try (DirectoryStream<Path> s = Files.newDirectoryStream(classDir)) {
            for (Path p : s) {
                String name = p.getFileName().toString();
                if (name.startsWith(".")) {
                    continue;
                }
                boolean video = Files.isRegularFile(p) && VIDEO_EXTENSIONS.contains(extension(name));
                boolean folder = Files.isDirectory(p);
                if (!video && !folder) {
                    continue;
                }
                checkInsideRoot(p, 0, p);
                if (folder && countFrames(p) == 0) {
                    problems.add(new DatasetProblem(
                            p,
                            0,
                            name,
                            "Folder " + p
                                    + " holds no frame images; it is skipped. Extract its frames again or remove it."));
                    continue;
                }
                Path other = seen.putIfAbsent(lower(stripExtension(name)), p);
                if (other != null) {
                    problems.add(new DatasetProblem(
                            p,
                            0,
                            stripExtension(name),
                            "Video " + stripExtension(name) + " exists twice (" + other.getFileName() + " and " + name
                                    + "); only one is used. Remove the other copy."));
                    continue;
                }
                items.add(p);
            }
        } catch (IOException e) {
            throw new DatasetException(
                    classDir,
                    0,
                    "The class folder cannot be listed (" + e.getMessage() + "): check its permissions.",
                    e);
        }
        // keep the frame folder when a video also has a file (decoded frames are read faster)
        return items;
    }

    // ---------------------------------------------------------------- helpers

    /** Frame images in a frame folder, -1 for a video file. */
    static int countFrames(Path source) {
        if (!Files.isDirectory(source)) {
            return -1;
        }
        int n = 0;
        try (DirectoryStream<Path> s = Files.newDirectoryStream(source)) {
            for (Path p : s) {
                if (FRAME_EXTENSIONS.contains(extension(p.getFileName().toString())) && Files.isRegularFile(p)) {
                    n++;
                }
            }
        } catch (IOException e) {
            throw new DatasetException(
                    source, 0, "The frame folder cannot be listed (" + e.getMessage() + "): check its permissions.", e);
        }
        return n;
    }

    /** Lines of a text file: UTF-8 (Latin-1 when not valid UTF-8), BOM removed, any line ending, blanks trimmed. */
    static List<String> readLines(Path file) {
        byte[] bytes;
        try {
            bytes = ReadLimits.readFile(file, ReadLimits.MAX_TEXT_BYTES);
        } catch (IOException e) {
            throw new DatasetException(
                    file,
                    0,
                    (Files.exists(file)
                                    ? "The file cannot be read (" + e.getMessage() + ")"
                                    : "The file does not exist")
                            + ": check the split-file folder and the split number.",
                    e);
        }
        String text;
        try {
            text = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            text = new String(bytes, StandardCharsets.ISO_8859_1);
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        List<String> lines = new ArrayList<>();
        for (String line : text.split("\r\n|\r|\n", -1)) {
            lines.add(line.strip());
        }
        return lines;
    }

    private static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }

    static String extension(String name) {
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : lower(name.substring(dot + 1));
    }

    /** Strips a known video extension only, so ids with dots survive. */
    static String stripExtension(String name) {
        return VIDEO_EXTENSIONS.contains(extension(name)) ? name.substring(0, name.lastIndexOf('.')) : name;
    }

    private static String nameWithoutExtension(Path source) {
        String name = source.getFileName().toString();
        return Files.isDirectory(source) ? name : stripExtension(name);
    }
}
