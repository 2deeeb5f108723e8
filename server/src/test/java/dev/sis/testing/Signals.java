package dev.sis.testing;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.Map;

/**
 * Sends a POSIX signal to a process with libc's {@code kill(2)}, through the FFM API: the JDK
 * can send only SIGTERM and SIGKILL ({@link ProcessHandle#destroy()}), and the {@code kill}
 * command is not on every machine (Debian's minimal systems lack procps).
 */
public final class Signals {
    /** The signals the tests send, with their numbers on Linux. */
    private static final Map<String, Integer> NUMBERS = Map.of("HUP", 1, "INT", 2, "KILL", 9, "TERM", 15);
    private static final MethodHandle KILL = Linker.nativeLinker().downcallHandle(
            Linker.nativeLinker().defaultLookup().find("kill").orElseThrow(),
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));

    private Signals() {
    }

    /** Sends {@code signal} ({@code TERM}, {@code INT}, {@code HUP} or {@code KILL}) to process {@code pid}. */
    public static void send(long pid, String signal) {
        Integer number = NUMBERS.get(signal);
        if (number == null) {
            throw new IllegalArgumentException("unknown signal " + signal + "; known: " + NUMBERS.keySet());
        }
        int result;
        try {
            result = (int) KILL.invokeExact(Math.toIntExact(pid), number.intValue());
        } catch (Throwable e) {
            throw new IllegalStateException("kill(" + pid + ", SIG" + signal + ") could not be called", e);
        }
        if (result != 0) {
            throw new IllegalStateException("kill(" + pid + ", SIG" + signal + ") failed");
        }
    }
}
