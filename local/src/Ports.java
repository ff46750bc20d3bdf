import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/** Which local ports answer, and which are free to take. */
final class Ports {

    private Ports() {
    }

    static boolean listening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Whether a server could listen on the port, on every address (as the services do). */
    static boolean free(int port) {
        if (listening(port)) {
            return false;
        }
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The first free port from this one on. */
    static int freeFrom(int port) {
        while (!free(port)) {
            port++;
        }
        return port;
    }
}
