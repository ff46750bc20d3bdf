package dev.conference.support.web;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;

/**
 * A request body stream that reads through the container's own and answers for its state as that one
 * does; a subclass looks at the bytes on their way past.
 */
abstract class ServletInputStreamWrapper extends ServletInputStream {

    protected final ServletInputStream delegate;

    ServletInputStreamWrapper(ServletInputStream delegate) {
        this.delegate = delegate;
    }

    @Override
    public boolean isFinished() {
        return delegate.isFinished();
    }

    @Override
    public boolean isReady() {
        return delegate.isReady();
    }

    @Override
    public void setReadListener(ReadListener listener) {
        delegate.setReadListener(listener);
    }
}
