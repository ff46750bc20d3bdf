package dev.conference.testsupport;

import java.io.ByteArrayOutputStream;

/** Request bodies built byte by byte, for input no string can hold (invalid UTF-8). */
public final class Bytes {

    private Bytes() {
    }

    public static byte[] concat(byte[]... parts) {
        var out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
