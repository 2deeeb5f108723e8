package dev.sis;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The repository stands alone: a user clones it with nothing beside it, so no document links a
 * file outside it or one that does not exist, and no file of the project (code, tests, POMs,
 * scripts, CI, docs) names the developers' reference folder that sits beside the clone here.
 */
class StandsAloneTest {
    private static final Path ROOT = Path.of("").toAbsolutePath();
    /** Folders that are not the project's files (as .gitignore has them): build output, IDE files, a fuzzing corpus. */
    private static final Set<String> NOT_THE_PROJECT = Set.of("target", ".git", ".idea", ".cifuzz-corpus");
    /** The store of a ./sis run at the top, benchmark output. */
    private static final List<Path> NOT_THE_PROJECT_AT_THE_TOP = List.of(Path.of("image"), Path.of("bench/out"));
    private static final Pattern MARKDOWN_LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");
    /** Spelled in two pieces, so that this file does not name it. */
    private static final String BESIDE_THE_CLONE = ".." + "/shared";

    @Test
    void everyRelativeLinkOfTheDocsIsAFileOfTheRepository() throws IOException {
        List<String> broken = new ArrayList<>();
        for (Path doc : projectFiles().filter(f -> f.toString().endsWith(".md")).toList()) {
            Matcher link = MARKDOWN_LINK.matcher(Files.readString(doc));
            while (link.find()) {
                String target = link.group(1).replaceFirst("#.*", "");
                if (target.isEmpty() || target.matches("^[a-z]+:.*")) {
                    continue; // an anchor in the same page, or a URL
                }
                Path resolved = doc.getParent().resolve(target).normalize();
                if (!resolved.startsWith(ROOT) || !Files.exists(resolved)) {
                    broken.add(ROOT.relativize(doc) + " links " + link.group(1));
                }
            }
        }
        assertThat(broken).isEmpty();
    }

    @Test
    void noFileNamesAFolderBesideTheClone() throws IOException {
        List<String> found = new ArrayList<>();
        for (Path file : projectFiles().toList()) {
            String text;
            try {
                text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(Files.readAllBytes(file))).toString();
            } catch (CharacterCodingException binary) {
                continue;
            }
            List<String> lines = text.lines().toList();
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).contains(BESIDE_THE_CLONE)) {
                    found.add(ROOT.relativize(file) + ":" + (i + 1) + ": " + lines.get(i).strip());
                }
            }
        }
        assertThat(found).isEmpty();
    }

    /** The project's files: not build output, version control, a local store or an IDE's. */
    private static Stream<Path> projectFiles() throws IOException {
        try (Stream<Path> walk = Files.walk(ROOT)) {
            return walk.filter(Files::isRegularFile).filter(StandsAloneTest::ofTheProject).toList().stream();
        }
    }

    private static boolean ofTheProject(Path file) {
        Path relative = ROOT.relativize(file);
        if (NOT_THE_PROJECT_AT_THE_TOP.stream().anyMatch(relative::startsWith)) {
            return false;
        }
        for (Path segment : relative) {
            if (NOT_THE_PROJECT.contains(segment.toString()) || segment.toString().startsWith("target-")) {
                return false;
            }
        }
        return true;
    }
}
