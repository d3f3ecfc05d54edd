package ai.kubiya.secretaudit.source.synthetic;

/**
 * The kinds of secret a synthetic inventory is made of, weighted (per mille) to a realistic mix:
 * about a quarter tokens, a quarter API keys, a sixth credentials, a tenth certificates.
 */
record SyntheticTemplate(String integration, String type, String baseName, String description, int weight) {

    static final String CERTIFICATE = "certificate";
    static final int TOTAL_WEIGHT = 1000;

    private static final SyntheticTemplate[] TEMPLATES = {
        new SyntheticTemplate("github", "token", "github-api-token", "GitHub API token for CI pipelines", 60),
        new SyntheticTemplate("github", "token", "github-webhook-secret", "Signing secret for GitHub webhooks", 40),
        new SyntheticTemplate("gitlab", "token", "gitlab-deploy-token", "GitLab deploy token for release jobs", 40),
        new SyntheticTemplate("slack", "token", "slack-bot-token", "Slack bot token for alert notifications", 40),
        new SyntheticTemplate("jira", "token", "jira-api-token", "Jira API token for ticket automation", 30),
        new SyntheticTemplate(null, "token", "internal-service-token", "Service-to-service auth token", 40),
        new SyntheticTemplate("datadog", "api_key", "datadog-api-key", "Datadog API key for metrics", 70),
        new SyntheticTemplate("datadog", "api_key", "datadog-app-key", "Datadog application key for dashboards", 30),
        new SyntheticTemplate("pagerduty", "api_key", "pagerduty-routing-key", "PagerDuty events routing key", 40),
        new SyntheticTemplate("gcp", "api_key", "gcp-maps-api-key", "Google Maps API key for the web app", 20),
        new SyntheticTemplate(null, "api_key", "llm-provider-api-key", "API key of the LLM provider", 40),
        new SyntheticTemplate(null, "api_key", "payments-api-key", "Payments provider API key", 30),
        new SyntheticTemplate("aws", "credentials", "aws-access-key", "AWS access key for deployments", 60),
        new SyntheticTemplate("aws", "credentials", "aws-s3-backup-credentials", "Credentials for S3 backups", 30),
        new SyntheticTemplate("gcp", "credentials", "gcp-service-account", "GCP service account key", 40),
        new SyntheticTemplate("azure", "credentials", "azure-client-secret", "Azure AD application client secret", 40),
        new SyntheticTemplate(null, "credentials", "postgres-admin-password", "Database admin password", 10),
        new SyntheticTemplate("slack", "url", "slack-webhook-url", "Incoming webhook of the alerts channel", 50),
        new SyntheticTemplate(null, "url", "database-url", "Connection URL of the primary database", 40),
        new SyntheticTemplate(null, "env_var", "redis-password", "Redis password passed as an env var", 50),
        new SyntheticTemplate(null, "env_var", "sentry-dsn", "Sentry DSN for error reporting", 40),
        new SyntheticTemplate("gitlab", "env_var", "gitlab-ci-variables", "CI/CD variables for GitLab runners", 30),
        new SyntheticTemplate("azure", "env_var", "azure-storage-connection", "Azure storage connection string", 30),
        new SyntheticTemplate(null, CERTIFICATE, "api-gateway-tls-cert", "TLS certificate of the public API gateway", 40),
        new SyntheticTemplate("aws", CERTIFICATE, "aws-iot-device-cert", "Client certificate for IoT devices", 20),
        new SyntheticTemplate("azure", CERTIFICATE, "azure-app-gateway-cert", "TLS certificate of the app gateway", 20),
        new SyntheticTemplate(null, CERTIFICATE, "mtls-client-cert", "mTLS client certificate for internal calls", 20),
    };

    /** Template by per-mille roll: one array lookup per record. */
    private static final SyntheticTemplate[] BY_ROLL = byRoll();

    static SyntheticTemplate pick(int roll) {
        return BY_ROLL[roll];
    }

    private static SyntheticTemplate[] byRoll() {
        SyntheticTemplate[] table = new SyntheticTemplate[TOTAL_WEIGHT];
        int next = 0;
        for (SyntheticTemplate template : TEMPLATES) {
            for (int i = 0; i < template.weight(); i++) {
                table[next++] = template;
            }
        }
        if (next != TOTAL_WEIGHT) {
            throw new IllegalStateException("template weights add up to " + next + ", not " + TOTAL_WEIGHT);
        }
        return table;
    }
}
