package org.volsched.driver.filter;

/**
 * oslo's {@code uuidutils.is_uuid_like}, used to validate scheduler hints (rules AF2, IL1): a
 * string which, after removing every {@code urn:} and {@code uuid:}, stripping {@code {}} and
 * {@code }} from both ends and removing every {@code -}, is exactly 32 hexadecimal digits (either
 * case). Anything that is not a string is not UUID-like.
 */
final class UuidLike {
    private UuidLike() {
    }

    static boolean test(Object value) {
        if (!(value instanceof String s)) {
            return false;
        }
        String t = s.replace("urn:", "").replace("uuid:", "");
        int start = 0;
        int end = t.length();
        while (start < end && isBrace(t.charAt(start))) {
            start++;
        }
        while (end > start && isBrace(t.charAt(end - 1))) {
            end--;
        }
        int digits = 0;
        for (int i = start; i < end; i++) {
            char c = t.charAt(i);
            if (c == '-') {
                continue;
            }
            if (!isHex(c)) {
                return false;
            }
            digits++;
        }
        return digits == 32;
    }

    private static boolean isBrace(char c) {
        return c == '{' || c == '}';
    }

    private static boolean isHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }
}
