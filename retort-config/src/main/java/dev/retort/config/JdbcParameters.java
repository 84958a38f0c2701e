package dev.retort.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns a URL's query parameters into the connection properties pgjdbc understands.
 *
 * <p>Users copy URLs written for libpq, psql and SQLAlchemy ({@code ?sslmode=require&connect_timeout=10},
 * asyncpg's {@code ?ssl=require}); pgjdbc spells some of these differently and ignores names it
 * does not know, so an untranslated {@code connect_timeout} would silently do nothing.
 */
final class JdbcParameters {
    private JdbcParameters() {}

    /** pgjdbc 42.7's property names ({@code PGProperty}), less user, password, host, port and database. */
    static final Set<String> PGJDBC_NAMES = Set.of(
            "adaptiveFetch", "adaptiveFetchMaximum", "adaptiveFetchMinimum", "allowEncodingChanges",
            "ApplicationName", "assumeMinServerVersion", "authenticationPluginClassName", "autosave",
            "binaryTransfer", "binaryTransferDisable", "binaryTransferEnable", "cancelSignalTimeout",
            "channelBinding", "classLoaderStrategy", "cleanupSavepoints", "connectExecutor", "connectExecutorArg",
            "connectTimeout", "convertBooleanToNumeric", "currentSchema", "databaseMetadataCacheFields",
            "databaseMetadataCacheFieldsMiB", "defaultRowFetchSize", "disableColumnSanitiser",
            "escapeSyntaxCallMode", "flushCacheOnDdl", "groupStartupParameters", "gssEncMode", "gsslib",
            "gssResponseTimeout", "gssUseDefaultCreds", "hideUnprivilegedObjects", "hostRecheckSeconds",
            "jaasApplicationName", "jaasLogin", "kerberosServerName", "loadBalanceHosts", "localSocketAddress",
            "loggerFile", "loggerLevel", "loginTimeout", "logServerErrorDetail", "logUnclosedConnections",
            "maxResultBuffer", "maxSendBufferSize", "options", "pemKeyAlgorithm", "preferQueryMode",
            "preparedStatementCacheQueries", "preparedStatementCacheSizeMiB", "prepareThreshold",
            "protocolVersion", "queryTimeout", "quoteReturningIdentifiers", "readOnly", "readOnlyMode",
            "receiveBufferSize", "replication", "requireAuth", "reWriteBatchedInserts",
            "reWriteBatchedInsertsSize", "scramMaxIterations", "sendBufferSize", "service", "socketFactory",
            "socketFactoryArg", "socketTimeout", "ssl", "sslcert", "sslfactory", "sslfactoryarg",
            "sslhostnameverifier", "sslkey", "sslmode", "sslNegotiation", "sslpassword", "sslpasswordcallback",
            "sslResponseTimeout", "sslrootcert", "sspiServiceClass", "stringtype", "targetServerType",
            "tcpKeepAlive", "tcpNoDelay", "unknownLength", "useSpnego", "xmlFactoryFactory");

    /** libpq names whose pgjdbc property has another name (values that differ are mapped below). */
    private static final Map<String, String> LIBPQ_NAMES = Map.of(
            "connect_timeout", "connectTimeout",
            "application_name", "ApplicationName",
            "target_session_attrs", "targetServerType",
            "keepalives", "tcpKeepAlive",
            "krbsrvname", "kerberosServerName",
            "gssencmode", "gssEncMode",
            "channel_binding", "channelBinding",
            "sslnegotiation", "sslNegotiation",
            "require_auth", "requireAuth");

    /** What the name of a parameter holding a secret contains, as a regular expression (see {@link #isSecret}). */
    static final String SECRET_WORDS = "pass|pwd|secret|token";
    private static final Pattern SECRET_NAME = Pattern.compile("(?i)" + SECRET_WORDS);

    private static final Set<String> SSL_MODES = Set.of("disable", "allow", "prefer", "require", "verify-ca", "verify-full");

    /**
     * Returns the properties pgjdbc knows, under pgjdbc's names, in the URL's order; parameters
     * pgjdbc does not know (asyncpg's {@code prepared_statement_cache_size}, say) are left out.
     */
    static Map<String, String> toJdbc(Map<String, String> parameters) {
        Map<String, String> jdbc = new LinkedHashMap<>();
        parameters.forEach((name, value) -> {
            if (PGJDBC_NAMES.contains(name)) {
                jdbc.put(name, value);
            } else if (LIBPQ_NAMES.containsKey(name)) {
                jdbc.put(LIBPQ_NAMES.get(name), libpqValue(name, value));
            }
        });
        // asyncpg and SQLAlchemy write ?ssl=require; pgjdbc's ssl is a boolean and would read
        // "require" as false, so a mode given there becomes sslmode unless sslmode is also set.
        String ssl = parameters.get("ssl");
        if (ssl != null && SSL_MODES.contains(ssl.toLowerCase(Locale.ROOT))) {
            jdbc.remove("ssl");
            if (!parameters.containsKey("sslmode")) {
                jdbc.put("sslmode", ssl.toLowerCase(Locale.ROOT));
            }
        }
        return Collections.unmodifiableMap(jdbc);
    }

    /**
     * Whether a parameter holds a secret that must never be shown or put into a URL: a password under any name a
     * user may try ({@code sslpassword}, {@code pass}, {@code passwd}, {@code pwd}), a secret or a token. A name the
     * driver does not know is left out of the connection, but a user who wrote {@code ?pass=...} meant a password.
     */
    static boolean isSecret(String name) {
        return SECRET_NAME.matcher(name).find();
    }

    private static String libpqValue(String name, String value) {
        return switch (name) {
            case "target_session_attrs" -> switch (value) {
                case "read-write", "primary" -> "primary";
                case "read-only", "standby" -> "secondary";
                case "prefer-standby" -> "preferSecondary";
                default -> value;
            };
            case "keepalives" -> "0".equals(value) ? "false" : "true";
            default -> value;
        };
    }
}
