package dev.sis.client;

/** The server's rules for a stored file's name, checked before anything is sent. */
final class FileNames {
    private FileNames() {
    }

    /**
     * @throws IllegalArgumentException when the name is empty, {@code .} or {@code ..}, or holds
     *         {@code /}, {@code \} or a control character (the server would refuse it). Its length is
     *         left to the server, whose limit ({@code --max-name-bytes}) is configurable.
     */
    static String check(String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("a file name must not be empty");
        }
        if (name.equals(".") || name.equals("..")) {
            throw new IllegalArgumentException("a file name must not be . or ..");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '/' || c == '\\') {
                throw new IllegalArgumentException("a file name must not contain / or \\, got \"" + name + "\"");
            }
            if (c < 0x20 || c == 0x7F || (c >= 0x80 && c < 0xA0)) {
                throw new IllegalArgumentException("a file name must not contain control characters");
            }
        }
        return name;
    }
}
