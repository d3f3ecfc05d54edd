package ai.kubiya.secretaudit.database;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * What another local user tries, run as that user: {@code <port> <data folder> <role:password>…}; prints one line
 * per attempt: {@code connected}, or {@code refused <SQLSTATE>}, and whether the data folder's passwords can be
 * read.
 */
class OtherUserProbe {

    public static void main(String[] arguments) {
        String url = "jdbc:postgresql://127.0.0.1:" + arguments[0] + "/postgres";
        try {
            Files.readString(Path.of(arguments[1], Credentials.FILE_NAME));
            System.out.println("passwords readable");
        } catch (Exception e) {
            System.out.println("passwords unreadable");
        }
        for (int i = 2; i < arguments.length; i++) {
            String[] attempt = arguments[i].split(":", 2);
            try {
                DriverManager.getConnection(url, attempt[0], attempt[1]).close();
                System.out.println(arguments[i] + " connected");
            } catch (SQLException e) {
                System.out.println(arguments[i] + " refused " + e.getSQLState());
            }
        }
    }
}
