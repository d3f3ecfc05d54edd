# syntax=docker/dockerfile:1
# The container image: docker build -t secret-rotation-audit .
# Stage 1 builds the jar with Maven (tests run in CI, not here) in the container profile, which leaves out the macOS
# PostgreSQL binaries (jar 196 MB -> 71 MB); stage 2 is a JRE and the jar, run as a non-root user.
FROM maven:3-eclipse-temurin-17 AS build
WORKDIR /build
COPY pom.xml ./
COPY db db
COPY src src
RUN --mount=type=cache,target=/root/.m2 mvn -B -Pcontainer -DskipTests package

FROM eclipse-temurin:17-jre
# uid/gid 10001 = runAsUser/runAsGroup in k8s-cronjob.yaml; /app/reports and /app/data are the default
# reports dir and embedded-database dir when the container runs without a volume or SPRING_DATASOURCE_URL.
# /app is the working directory: Spring Boot reads /app/config/application.yml (mount it: k8s-cronjob.yaml).
RUN groupadd --system --gid 10001 audit \
    && useradd --system --uid 10001 --gid audit --home-dir /app --no-create-home --shell /usr/sbin/nologin audit \
    && mkdir -p /app/reports /app/data \
    && chown -R 10001:10001 /app
WORKDIR /app
COPY --from=build /build/target/secret-rotation-audit.jar /app/secret-rotation-audit.jar
USER 10001:10001
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"
ENTRYPOINT ["java", "-jar", "/app/secret-rotation-audit.jar"]
CMD ["run"]
