package dev.hubwizard.hub;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The lines of a hub's log that say what went wrong with a person's check: JupyterHub's and the notebook
 * server's errors about that person from the start (a cause is often logged long before it shows, like an
 * account that could not be created when the hub started), and every error, warning and proxy error from when
 * the check began. Each record comes with the exception its traceback ends in; the tracebacks themselves stay
 * in the full log.
 */
public final class HubLogExcerpt {

    /** Enough to show a cause and what led to it; the full log has the rest. */
    static final int MAX_LINES = 12;
    private static final int MAX_LINE_LENGTH = 400;
    /** A record of JupyterHub or Jupyter Server: "[E 2026-12-03 10:18:26.253 JupyterHub app:3767] ...". */
    private static final Pattern RECORD = Pattern.compile("^\\[([DIWEC]) \\d{4}-\\d\\d-\\d\\d [^]]*]\\s*(.*)");
    /** A traceback's last line: "FileNotFoundError: [Errno 2] No such file …: 'useradd'", "dbm.error: …". */
    private static final Pattern EXCEPTION = Pattern.compile(
            "^[A-Za-z_][\\w.]*(Error|Exception|Exit|Failure|\\.error)(: .*)?$");
    private static final Pattern PROXY_ERROR = Pattern.compile(".*\\[ConfigProxy] error: .*");
    /** JupyterHub's warning on every plain-HTTP request a browser makes: true of any hub without HTTPS. */
    private static final String PLAIN_HTTP = "Skipping XSRF check for insecure request";

    private HubLogExcerpt() {
    }

    /**
     * @param log       the hub's log since it started
     * @param checkFrom the index in {@code log} where the check began
     * @param username  the person the check signed in as
     * @return the telling lines, oldest first; the check's last lines when nothing stands out
     */
    public static List<String> of(List<String> log, int checkFrom, String username) {
        List<String> picked = new ArrayList<>();
        boolean inProblem = false;
        String exception = null;
        for (int i = 0; i < log.size(); i++) {
            String line = log.get(i);
            boolean duringCheck = i >= checkFrom;
            Matcher record = RECORD.matcher(line);
            if (record.matches()) {
                if (exception != null) {
                    picked.add(exception);
                }
                exception = null;
                String level = record.group(1);
                // A 500's request dump starts with a record of just "{": its headers tell nobody anything.
                boolean telling = duringCheck ? "WEC".contains(level)
                        : "EC".contains(level) && record.group(2).contains(username);
                inProblem = telling && !record.group(2).isBlank() && !record.group(2).equals("{")
                        && !record.group(2).startsWith(PLAIN_HTTP);
                if (inProblem) {
                    picked.add(shortened(line));
                }
            } else if (duringCheck && PROXY_ERROR.matcher(line).matches()) {
                picked.add(shortened(line));
            } else if (inProblem && EXCEPTION.matcher(line.strip()).matches()) {
                exception = shortened("    " + line.strip());
            }
        }
        if (exception != null) {
            picked.add(exception);
        }
        List<String> chosen = picked.isEmpty() ? log.subList(Math.min(checkFrom, log.size()), log.size()) : picked;
        return chosen.subList(Math.max(0, chosen.size() - MAX_LINES), chosen.size()).stream()
                .map(HubLogExcerpt::shortened).toList();
    }

    private static String shortened(String line) {
        return line.length() <= MAX_LINE_LENGTH ? line : line.substring(0, MAX_LINE_LENGTH) + " …";
    }
}
