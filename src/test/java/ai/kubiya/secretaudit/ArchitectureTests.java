package ai.kubiya.secretaudit;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The feature packages depend on each other in one direction only, and the rules stay free of Spring. */
@AnalyzeClasses(packages = "ai.kubiya.secretaudit", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTests {

    @ArchTest
    static final ArchRule featurePackagesHaveNoCycles =
            slices().matching("ai.kubiya.secretaudit.(*)..").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule ruleEvaluationIsPlainJava = noClasses()
            .that().haveSimpleNameStartingWith("RuleEvaluator").or().haveSimpleName("PolicyLimits")
            .or().haveSimpleName("MetadataCheck").or().haveSimpleName("Waivers")
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "java.sql..");

    @ArchTest
    static final ArchRule sourcesAndRulesKnowNothingOfPersistenceOrMail = noClasses()
            .that().resideInAnyPackage("..source..", "..policy..")
            .should().dependOnClassesThat().resideInAnyPackage("ai.kubiya.secretaudit.finding..",
                    "ai.kubiya.secretaudit.notify..", "ai.kubiya.secretaudit.report..", "ai.kubiya.secretaudit.job..");
}
