/**
 * The zero-configuration database: a PostgreSQL started for the run when {@code spring.datasource.url} is unset,
 * private to the OS user who runs it (passwords only, the application as a role that is no superuser, binaries
 * in a folder of that user's only, stopped when the run ends however it ends). Provides a {@code DataSource} and
 * nothing else; it imports none of the application's other packages.
 */
package ai.kubiya.secretaudit.database;
