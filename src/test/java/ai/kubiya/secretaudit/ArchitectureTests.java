package ai.kubiya.secretaudit;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;

/**
 * The packages depend on each other in one direction only, the root package included, and the rules stay free of
 * Spring. Data flows up: {@code source} and {@code policy} at the bottom, {@code finding} (storage) above them,
 * {@code report} and {@code notify} (presentation, delivery) above that, {@code job}, {@code cli} and {@code portal} on top.
 */
@AnalyzeClasses(packages = "ai.kubiya.secretaudit", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTests {

    private static final String ROOT = "ai.kubiya.secretaudit";

    /**
     * The root package's classes that any package may use (an exception, a hash): all of them but the two that start
     * the application, which sit above everything.
     */
    private static final DescribedPredicate<JavaClass> SHARED_ROOT_TYPES = resideInAPackage(ROOT)
            .and(not(belongToAnyOf(SecretRotationAuditApplication.class, SecretRotationAuditConfiguration.class)))
            .as("the root package's shared types");

    /**
     * A slice per feature package ({@code ai.kubiya.secretaudit.(*)..}) and one per class of the root package, so
     * that a loop through the root (the application starting {@code cli}, which starts the application) is a cycle
     * too, while the shared types any package uses are not.
     */
    private static final SliceAssignment FEATURES_AND_ROOT_CLASSES = new SliceAssignment() {
        @Override
        public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
            String name = javaClass.getName();
            if (javaClass.getPackageName().equals(ROOT)) {
                return SliceIdentifier.of("root class " + name.substring(ROOT.length() + 1).split("\\$")[0]);
            }
            if (name.startsWith(ROOT + ".")) {
                return SliceIdentifier.of(javaClass.getPackageName().substring(ROOT.length() + 1).split("\\.")[0]);
            }
            return SliceIdentifier.ignore();
        }

        @Override
        public String getDescription() {
            return "the feature packages of " + ROOT + " and each class of the root package";
        }
    };

    @ArchTest
    static final ArchRule featurePackagesAndRootClassesHaveNoCycles =
            slices().assignedFrom(FEATURES_AND_ROOT_CLASSES).should().beFreeOfCycles();

    @ArchTest
    static final ArchRule ruleEvaluationIsPlainJava = noClasses()
            .that().haveSimpleNameStartingWith("RuleEvaluator").or().haveSimpleName("PolicyLimits")
            .or().haveSimpleName("MetadataCheck").or().haveSimpleName("Waivers")
            .or().haveSimpleName("RequiredSecrets")
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "java.sql..");

    @ArchTest
    static final ArchRule sourcesAndRulesKnowNothingOfPersistenceOrMail = noClasses()
            .that().resideInAnyPackage("..source..", "..policy..")
            .should().dependOnClassesThat().resideInAnyPackage("ai.kubiya.secretaudit.finding..",
                    "ai.kubiya.secretaudit.notify..", "ai.kubiya.secretaudit.report..", "ai.kubiya.secretaudit.job..");

    @ArchTest
    static final ArchRule rulesDependOnSourceTypesOnly = noClasses()
            .that().resideInAPackage(ROOT + ".policy..")
            .should().dependOnClassesThat(resideInAPackage(ROOT + "..")
                    .and(not(resideInAnyPackage(ROOT + ".policy..", ROOT + ".source")))
                    .and(not(SHARED_ROOT_TYPES))
                    .as("reside in " + ROOT + " outside policy and the source contract (the root package's shared"
                            + " types aside)"));

    /** The source contract knows none of the three kinds of source, nor anything above it. */
    @ArchTest
    static final ArchRule theSourceContractImportsNothingOfOurs = noClasses()
            .that().resideInAPackage(ROOT + ".source")
            .should().dependOnClassesThat(resideInAPackage(ROOT + "..")
                    .and(not(resideInAPackage(ROOT + ".source")))
                    .and(not(SHARED_ROOT_TYPES))
                    .as("reside in " + ROOT + " outside the source contract (the root package's shared types aside)"));

    /** The JSON reader and the generator stand on the contract alone; the Control Plane client reads JSON. */
    @ArchTest
    static final ArchRule theJsonReaderKnowsNoOtherKindOfSource = noClasses()
            .that().resideInAPackage(ROOT + ".source.json..")
            .should().dependOnClassesThat().resideInAnyPackage(ROOT + ".source.controlplane..",
                    ROOT + ".source.synthetic..");

    @ArchTest
    static final ArchRule theGeneratorKnowsNoOtherKindOfSource = noClasses()
            .that().resideInAPackage(ROOT + ".source.synthetic..")
            .should().dependOnClassesThat().resideInAnyPackage(ROOT + ".source.controlplane..", ROOT + ".source.json..");

    @ArchTest
    static final ArchRule theControlPlaneClientKnowsNotTheGenerator = noClasses()
            .that().resideInAPackage(ROOT + ".source.controlplane..")
            .should().dependOnClassesThat().resideInAPackage(ROOT + ".source.synthetic..");

    @ArchTest
    static final ArchRule storageKnowsNothingOfPresentationOrDelivery = noClasses()
            .that().resideInAPackage(ROOT + ".finding..")
            .should().dependOnClassesThat().resideInAnyPackage(ROOT + ".report..", ROOT + ".notify..");

    /** Metrics read what a run stored and are driven by the job's one call; they drive nothing themselves. */
    @ArchTest
    static final ArchRule metricsDependOnNothingAboveStorage = noClasses()
            .that().resideInAPackage(ROOT + ".metrics..")
            .should().dependOnClassesThat().resideInAnyPackage(ROOT + ".job..", ROOT + ".cli..", ROOT + ".schedule..",
                    ROOT + ".report..");

    /**
     * The exports read what a run stored and how the Findings sheet shows it; commands and the portal use them, and
     * nothing they build on knows them.
     */
    @ArchTest
    static final ArchRule exportsDependOnNothingAboveThemAndNothingBelowDependsOnThem = noClasses()
            .that().resideInAPackage(ROOT + ".export..")
            .should().dependOnClassesThat().resideInAnyPackage(ROOT + ".cli..", ROOT + ".job..", ROOT + ".notify..",
                    ROOT + ".chat..", ROOT + ".schedule..", ROOT + ".metrics..")
            .andShould().onlyBeAccessed().byClassesThat().resideInAnyPackage(ROOT + ".export..", ROOT + ".cli..",
                    ROOT + ".portal..");

    /** The auditor portal sits on top, beside {@code cli} and {@code job}: only {@code serve} (in cli) starts it. */
    @ArchTest
    static final ArchRule onlyTheCommandLineKnowsThePortal = noClasses()
            .that().resideInAPackage(ROOT + "..").and().resideOutsideOfPackages(ROOT + ".portal..", ROOT + ".cli..")
            .should().dependOnClassesThat().resideInAPackage(ROOT + ".portal..");

    /** The portal reads what runs stored; it neither runs nor schedules anything. */
    @ArchTest
    static final ArchRule thePortalStartsNoRun = noClasses()
            .that().resideInAPackage(ROOT + ".portal..")
            .should().dependOnClassesThat().resideInAnyPackage(ROOT + ".job..", ROOT + ".schedule..",
                    ROOT + ".source..", ROOT + ".chat..");

    @ArchTest
    static final ArchRule sharedRootTypesDependOnNoPackageOfOurs = noClasses()
            .that(SHARED_ROOT_TYPES)
            .should().dependOnClassesThat().resideInAPackage(ROOT + ".(*)..");

    @ArchTest
    static final ArchRule nothingDependsOnTheClassThatStartsTheCommandLine = noClasses()
            .that().doNotBelongToAnyOf(SecretRotationAuditApplication.class)
            .should().dependOnClassesThat().belongToAnyOf(SecretRotationAuditApplication.class);
}
