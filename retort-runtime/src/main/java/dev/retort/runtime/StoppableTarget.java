package dev.retort.runtime;

import java.sql.SQLException;
import java.util.List;

/**
 * A live target that announces to the run's {@link StopNotice} whatever may commit before sending it: a COMMIT,
 * or any statement while outside a transaction (an autocommit part, the steps of a group that each commit). Once
 * the process is stopping, the notice holds it back, so that the line it printed stays true.
 */
final class StoppableTarget implements SqlTarget {
    private final SqlTarget target;
    private final StopNotice notice;
    /** Whether statements run outside a transaction block, each committing as it ends; a run starts that way. */
    private boolean autocommit = true;

    StoppableTarget(SqlTarget target, StopNotice notice) {
        this.target = target;
        this.notice = notice;
    }

    /** Runs {@code send}, announced to the notice as {@code sql} (null: a COMMIT) when it may commit. */
    private <T> T sent(boolean mayCommit, String sql, Send<T> send) throws SQLException {
        if (!mayCommit) {
            notice.refuseIfCancelled();
            return send.run();
        }
        notice.sending(sql);
        // Done, it stays announced until the runner records what it committed: a stop in between says that what it
        // committed is not known, which is true, rather than that nothing was.
        try {
            return send.run();
        } catch (SQLException | RuntimeException e) {
            notice.sent();
            throw e;
        }
    }

    private interface Send<T> {
        T run() throws SQLException;
    }

    @Override
    public void begin() throws SQLException {
        target.begin();
        autocommit = false;
    }

    @Override
    public void commit() throws SQLException {
        sent(!autocommit, null, () -> {
            target.commit();
            return null;
        });
    }

    @Override
    public void rollback() throws SQLException {
        target.rollback();
    }

    @Override
    public int execute(String sql) throws SQLException {
        return sent(autocommit, sql, () -> target.execute(sql));
    }

    @Override
    public int[] executeBatch(List<String> statements) throws SQLException {
        return sent(autocommit, statements.get(0), () -> target.executeBatch(statements));
    }

    @Override
    public boolean stopsBatchAtFirstError() {
        return target.stopsBatchAtFirstError();
    }

    @Override
    public boolean runsScripts() {
        return target.runsScripts();
    }

    @Override
    public void executeScript(List<String> statements) throws SQLException {
        sent(autocommit, statements.get(0), () -> {
            target.executeScript(statements);
            return null;
        });
    }

    @Override
    public int statementAt(List<String> statements, SQLException e) {
        return target.statementAt(statements, e);
    }

    @Override
    public int startOf(List<String> statements, int at) {
        return target.startOf(statements, at);
    }

    @Override
    public void enterAutocommit() throws SQLException {
        // Commits the open transaction, if any.
        sent(!autocommit, null, () -> {
            target.enterAutocommit();
            return null;
        });
        autocommit = true;
    }

    @Override
    public void exitAutocommit() throws SQLException {
        target.exitAutocommit();
        autocommit = false;
    }

    @Override
    public List<String> query(String sql) throws SQLException {
        notice.refuseIfCancelled();
        return target.query(sql);
    }

    @Override
    public void comment(String text) {
        target.comment(text);
    }

    @Override
    public boolean live() {
        return target.live();
    }

    @Override
    public boolean readOnlyConnection() {
        return target.readOnlyConnection();
    }
}
