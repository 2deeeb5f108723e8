package dev.sis;

/** Entry point of {@code java -jar sis.jar}. (Skeleton: the command line lands in dev.sis.cli.) */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.err.println("sis: not wired yet");
        System.exit(1);
    }
}
