// What the multipart reader alone costs: a browser-style body of 16 file parts of 4 MiB of random
// bytes, held in memory, read part by part in 8 KiB reads as an upload does; prints the best of
// 15 rounds in MB/s. Compare two builds (run each twice, the machine's load moves the figures):
//   for jar in BEFORE.jar AFTER.jar; do
//     java -Dlogback.configurationFile=sis-logback.xml -cp $jar bench/MultipartThroughput.java; done
// with java 25 (.mvn/jdk.sh finds it). Figures: docs/performance.md, "Multipart parser".
import dev.sis.http.multipart.MultipartPart;
import dev.sis.http.multipart.MultipartReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.Random;

public class MultipartThroughput {
    public static void main(String[] args) throws Exception {
        String boundary = "----WebKitFormBoundary7MA4YWxkTrZu0gW";
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        Random random = new Random(1);
        for (int i = 0; i < 16; i++) {
            byte[] part = new byte[4 << 20];
            random.nextBytes(part);
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"f\"; filename=\"" + i + ".jpg\"\r\nContent-Type: image/jpeg\r\n\r\n").getBytes());
            body.writeBytes(part);
            body.writeBytes("\r\n".getBytes());
        }
        body.writeBytes(("--" + boundary + "--\r\n").getBytes());
        byte[] bytes = body.toByteArray();
        byte[] sink = new byte[8192];
        double best = 0;
        for (int round = 0; round < 15; round++) {
            long start = System.nanoTime();
            MultipartReader reader = new MultipartReader(new ByteArrayInputStream(bytes), boundary);
            long total = 0;
            for (MultipartPart p; (p = reader.next()) != null; ) {
                for (int n; (n = p.content().read(sink)) >= 0; ) total += n;
            }
            double mbps = bytes.length / 1e6 / ((System.nanoTime() - start) / 1e9);
            best = Math.max(best, mbps);
            if (total != 16L * (4 << 20)) throw new AssertionError(total);
        }
        System.out.printf("best of 15: %.0f MB/s%n", best);
    }
}
