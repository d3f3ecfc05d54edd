package ai.kubiya.secretaudit;

/**
 * Names the JAXP transformer and the Jakarta Mail stream provider up front. Without a name, POI asks
 * {@code TransformerFactory.newInstance()} for every part of every workbook it saves, and Jakarta Mail asks
 * for a {@code StreamProvider} for every body part it encodes, each time scanning {@code META-INF/services}
 * of every jar on the class path — inside the executable jar, a tenth of the time an owner's email took.
 * The names are the implementations those scans find on this class path anyway; one set by the operator wins.
 */
final class ProviderLookups {

    private static final String[][] PROVIDERS = {
        {"javax.xml.transform.TransformerFactory", "com.sun.org.apache.xalan.internal.xsltc.trax.TransformerFactoryImpl"},
        {"jakarta.mail.util.StreamProvider", "org.eclipse.angus.mail.util.MailStreamProvider"}};

    private ProviderLookups() {
    }

    static void pin() {
        for (String[] provider : PROVIDERS) {
            if (System.getProperty(provider[0]) == null) {
                System.setProperty(provider[0], provider[1]);
            }
        }
    }
}
