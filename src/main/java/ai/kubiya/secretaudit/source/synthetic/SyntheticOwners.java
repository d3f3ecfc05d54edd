package ai.kubiya.secretaudit.source.synthetic;

/**
 * The owners of a synthetic inventory: {@code first.last@domain} addresses, as many as a company with
 * that many secrets might have (one per hundred secrets, between 5 and 5000). The domains use the
 * reserved {@code .example} top-level domain so that a demo run can never mail a real person.
 */
final class SyntheticOwners {

    static final int MIN = 5;
    static final int MAX = 5000;

    private static final String[] FIRST_NAMES = {
        "alice", "bob", "carol", "dave", "erin", "frank", "grace", "heidi", "ivan", "judy",
        "karl", "laura", "mallory", "nina", "oscar", "peggy", "quentin", "rupert", "sybil", "trent",
        "ursula", "victor", "wendy", "xavier", "yvonne", "zoe", "amir", "bea", "chen", "dmitri",
        "elif", "fatima", "goran", "hana", "igor", "jonas", "kofi", "lena", "mateo", "noor",
        "olga", "priya", "raj", "sofia", "tariq", "uma", "vera", "wei", "yusuf", "zara"};

    private static final String[] LAST_NAMES = {
        "smith", "johnson", "williams", "brown", "jones", "garcia", "miller", "davis", "rodriguez", "martinez",
        "hernandez", "lopez", "gonzalez", "wilson", "anderson", "thomas", "taylor", "moore", "jackson", "martin",
        "lee", "perez", "thompson", "white", "harris", "sanchez", "clark", "ramirez", "lewis", "robinson",
        "walker", "young", "allen", "king", "wright", "scott", "torres", "nguyen", "hill", "flores",
        "green", "adams", "nelson", "baker", "hall", "rivera", "campbell", "mitchell", "carter", "roberts",
        "mueller", "schmidt", "schneider", "fischer", "weber", "meyer", "wagner", "becker", "schulz", "hoffmann",
        "rossi", "russo", "ferrari", "esposito", "bianchi", "romano", "colombo", "ricci", "marino", "greco",
        "dubois", "durand", "leroy", "moreau", "simon", "laurent", "lefebvre", "michel", "fournier", "girard",
        "kowalski", "nowak", "novak", "horvat", "kovacs", "nagy", "popescu", "ivanov", "petrov", "sato",
        "suzuki", "tanaka", "watanabe", "kim", "park", "wang", "li", "zhang", "singh", "patel"};

    private static final String[] DOMAINS = {"acme.example", "acme.example", "globex.example", "initech.example"};

    /** Multiplier of a bijection on [0, MAX): coprime with 5000, so every owner gets a distinct name. */
    private static final int SPREAD = 2737;

    private SyntheticOwners() {
    }

    static int countFor(int secrets) {
        return Math.max(MIN, Math.min(MAX, secrets / 100));
    }

    static String[] pool(int secrets) {
        String[] owners = new String[countFor(secrets)];
        for (int i = 0; i < owners.length; i++) {
            int person = (int) ((long) i * SPREAD % MAX);
            owners[i] = FIRST_NAMES[person % FIRST_NAMES.length] + '.'
                    + LAST_NAMES[person / FIRST_NAMES.length] + '@' + DOMAINS[i % DOMAINS.length];
        }
        return owners;
    }
}
