# The Oversight ledger service on a JRE. Build the jar first, from the repository root:
#   mvn -B -pl ledger -am package -DskipTests
# then (compose does this): docker build -f ops/deploy/ledger.Dockerfile .
FROM eclipse-temurin:17-jre

# A fixed, unprivileged uid: the mounted key files must be owned by it with mode 600 (the ledger
# refuses key files readable by group or others).
RUN useradd --system --uid 10001 --home-dir /var/lib/oversight --shell /usr/sbin/nologin oversight \
 && mkdir -p /var/lib/oversight /app \
 && chown oversight /var/lib/oversight

ARG LEDGER_JAR=ledger/target/oversight-ledger-0.1.0-SNAPSHOT.jar
COPY ${LEDGER_JAR} /app/ledger.jar

USER 10001
WORKDIR /var/lib/oversight
EXPOSE 8080
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-Daxoniq.update-checker.disabled=true", \
            "-jar", "/app/ledger.jar", "--spring.config.additional-location=optional:file:/etc/oversight/"]
