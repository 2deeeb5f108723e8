// Issue 18: the Java engine's cold resize of one photo to a new size inside W x H on every call
// (W, H from 300 to 499, the sizes bench/run.sh's cold workload asks for), engine only (from the
// file's bytes to the encoded JPEG), with two builds in ONE JVM: each jar gets its own class
// loader, and the rounds alternate A B A B so that the shared machine's load hits both alike.
// Prints each round's thread CPU time per variant (steadier than wall time under load) and the
// median ratio B / A. Both engines run on the same thread, one after the other.
//   java bench/ColdResizeBench.java A.jar B.jar PHOTO [ROUNDS, default 7] [CALLS per round, default 100]
// e.g. java bench/ColdResizeBench.java BEFORE.jar target/sis.jar ~/.cache/sis-corpus/storm-2.5mp-baseline-q98.jpg

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

public class ColdResizeBench {
    /** One build's engine, reached through reflection: the two builds have classes of the same names. */
    record Engine(Object engine, Method makeVariant, Constructor<?> spec, Object contain, Object jpeg) {
        static Engine load(Path jar) throws Exception {
            ClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader());
            Class<?> limits = loader.loadClass("dev.sis.config.ImageLimits");
            Class<?> engineClass = loader.loadClass("dev.sis.image.JavaImageEngine");
            Class<?> specClass = loader.loadClass("dev.sis.image.VariantSpec");
            Class<?> fit = loader.loadClass("dev.sis.client.Fit");
            Class<?> format = loader.loadClass("dev.sis.image.ImageFormat");
            Object engine = engineClass.getConstructor(limits).newInstance(limits.getMethod("defaults").invoke(null));
            return new Engine(engine, engineClass.getMethod("makeVariant", InputStream.class, specClass),
                    specClass.getConstructor(int.class, int.class, fit, format, int.class),
                    fit.getField("CONTAIN").get(null), format.getField("JPEG").get(null));
        }

        /** Thread CPU nanoseconds per variant over {@code calls} sizes starting at {@code offset}. */
        double cpuPerCall(byte[] photo, int offset, int calls, ThreadMXBean threads) throws Exception {
            long start = threads.getCurrentThreadCpuTime();
            for (int n = offset; n < offset + calls; n++) {
                // as bench/run.sh's cold.lua: a new W x H each call
                Object spec = this.spec.newInstance(300 + n % 200, 300 + (n / 200) % 100 + (n % 2) * 100, contain, jpeg, 85);
                makeVariant.invoke(engine, new ByteArrayInputStream(photo), spec);
            }
            return (threads.getCurrentThreadCpuTime() - start) / (double) calls;
        }
    }

    public static void main(String[] args) throws Exception {
        Engine a = Engine.load(Path.of(args[0]));
        Engine b = Engine.load(Path.of(args[1]));
        byte[] photo = Files.readAllBytes(Path.of(args[2]));
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 7;
        int calls = args.length > 4 ? Integer.parseInt(args[4]) : 100;
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        a.cpuPerCall(photo, 10_000, calls, threads); // JIT warm-up, on sizes the rounds do not ask for
        b.cpuPerCall(photo, 10_000, calls, threads);
        double[] ratios = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            double msA = a.cpuPerCall(photo, r * calls, calls, threads) / 1e6;
            double msB = b.cpuPerCall(photo, r * calls, calls, threads) / 1e6;
            ratios[r] = msB / msA;
            System.out.printf("round %d: A %.2f ms CPU/variant, B %.2f, B / A %.3f%n", r + 1, msA, msB, ratios[r]);
        }
        Arrays.sort(ratios);
        System.out.printf("median B / A (CPU per variant): %.3f, A = %s, B = %s, %s%n", ratios[rounds / 2], args[0], args[1],
                Path.of(args[2]).getFileName());
    }
}
