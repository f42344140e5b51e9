#!/usr/bin/env bash
# Adds the preprocessing record to the zoo cards written before cards carried one (issue 16), with
# models/src/test/java/org/lossbench/models/train/ZooCardMigration.java (see its Javadoc). The .onnx
# files are not touched. The migration is test code, so its classpath is the one surefire used for
# ZooCardMigrationTest (read from the test report; the test itself fails until the cards are migrated).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ZOO="${1:-$ROOT/models/zoo}"
cd "$ROOT"
mvn -B -ntp -o -q -pl models -am test -Dtest=ZooCardMigrationTest -Dsurefire.failIfNoSpecifiedTests=false \
    -Dmaven.test.failure.ignore=true -Djazzer.fuzz=0 >/dev/null
REPORT=models/target/surefire-reports/TEST-org.lossbench.models.train.ZooCardMigrationTest.xml
CP="$(grep -o 'name="surefire.test.class.path" value="[^"]*' "$REPORT" | sed 's/.*value="//')"
java -cp "$CP" org.lossbench.models.train.ZooCardMigration "$ZOO"
