package dev.conference.support.web;

import java.io.IOException;

/** Thrown while reading a request body that is not strictly valid UTF-8. */
public class InvalidUtf8Exception extends IOException {

    public InvalidUtf8Exception(long offset) {
        super("The request body is not valid UTF-8 (at byte " + offset + ")");
    }
}
