package dev.sis.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sis.testing.Prerequisite;
import dev.sis.testing.ProcessRun;
import dev.sis.testing.Requires;
import dev.sis.testing.ServerProcess;
import dev.sis.testing.Slow;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A start that cannot succeed says why and what to do in one line, and creates nothing: the
 * real process, with a data directory on a read-only file system, a taken port, a host name
 * that resolves to nothing and an S3 store without credentials.
 */
@Slow
class StartRefusalTest {
    @TempDir
    Path work;

    @Test
    @Requires(Prerequisite.TMPFS_MOUNT)
    void anUnwritableDataDirectoryIsFoundByCheckConfigAndAtStartWithItsCauseAndTheFix() throws Exception {
        try (TmpfsMount disk = TmpfsMount.mount(work.resolve("disk"), "1m")) {
            Files.createDirectory(disk.dir().resolve("existing"));
            disk.remountReadOnly();
            Path missing = disk.dir().resolve("image");
            Path existing = disk.dir().resolve("existing");

            ProcessRun check = sis("check-config", "-image", existing.toString());
            assertThat(check.exitCode()).as(check.toString()).isEqualTo(2);
            assertThat(check.stderr()).contains("sis: --image: cannot write to the data directory " + existing
                    + ": it is on a read-only file system", "make " + existing + " writable for user ");
            ProcessRun checkStoreFlag = sis("--check-config", "--store", "file:" + existing);
            assertThat(checkStoreFlag.stderr()).as(checkStoreFlag.toString()).contains("sis: --store: cannot write");

            // A directory that is not there may be a volume of the machine the flags are for.
            assertThat(sis("check-config", "-image", missing.toString()).exitCode()).isZero();
            ProcessRun start = sis("-port", "0", "-host", "127.0.0.1", "-image", missing.toString());
            assertThat(start.exitCode()).as(start.toString()).isEqualTo(2);
            assertThat(start.stderr()).contains("sis: --image: cannot create the data directory " + missing + " in "
                    + disk.dir() + ": it is on a read-only file system", "make " + disk.dir() + " writable for user ");
            assertThat(start.stderr()).doesNotContain("sis is ready");
            assertThat(missing).doesNotExist();
        }
    }

    @Test
    void aTakenPortIsOneLineAndNoDataDirectoryIsCreated() throws Exception {
        Path data = work.resolve("image");
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();
            ProcessRun run = sis("-port", String.valueOf(port), "-host", "127.0.0.1", "-image", data.toString());

            assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
            assertThat(run.stderr().lines()).containsExactly("sis: cannot listen on 127.0.0.1:" + port
                    + ": the port is taken by another process (Address already in use); stop it, or give -port another port");
            assertThat(run.out()).doesNotContain("ERROR");
            assertThat(data).as("nothing is created for a start that fails").doesNotExist();
        }
    }

    @Test
    void aHostNameThatResolvesToNothingIsNamedAsTheCause() {
        Path data = work.resolve("image");
        ProcessRun run = sis("-port", "0", "-host", "foo.invalid", "-image", data.toString());

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        assertThat(run.stderr().lines()).singleElement().asString()
                .startsWith("sis: cannot listen on foo.invalid:0: no address is known for the name foo.invalid")
                .contains("give -host an address of this machine")
                .doesNotContain("null");
        assertThat(data).doesNotExist();
    }

    @Test
    void anS3StoreWithoutCredentialsIsRefusedAtStartSayingWhatToSet() {
        ProcessBuilder noCredentials = builder("-port", "0", "-host", "127.0.0.1", "--store", "s3://photos/sis",
                "--s3-endpoint", "http://127.0.0.1:9", "--s3-path-style", "--s3-region", "us-east-1");
        noCredentials.environment().keySet().removeIf(name -> name.startsWith("AWS_"));
        noCredentials.environment().put("HOME", work.toString()); // no ~/.aws
        noCredentials.environment().put("AWS_EC2_METADATA_DISABLED", "true"); // no instance to ask here
        ProcessRun run = ProcessRun.of(noCredentials);

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        assertThat(run.stderr().lines().filter(line -> line.startsWith("sis: ")).toList()).singleElement().asString()
                .startsWith("sis: cannot use s3://photos/sis: no AWS credentials found")
                .endsWith("set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or give the pod or the machine a role");
        assertThat(run.stderr()).doesNotContain("sis is ready");
    }

    private static ProcessRun sis(String... flags) {
        return ProcessRun.of(builder(flags));
    }

    private static ProcessBuilder builder(String... flags) {
        return new ProcessBuilder(new ArrayList<>(ServerProcess.command(List.of(), List.of(flags))));
    }
}
