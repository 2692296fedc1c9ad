#!/usr/bin/env bash
# From a fresh clone to a workflow run: builds apitpl, generates a project from the archetype, starts a demo API on
# 127.0.0.1 and runs the workflow against it with `mvn apitpl:run`, printing the trace and the output.
#
# Nothing is installed into ~/.m2: the apitpl SNAPSHOTs go to a scratch local repository under archetype/target/,
# and the generated project lives in target/quickstart/ (or $QUICKSTART_DIR). Third-party artifacts are read from
# your own local repository when present, else downloaded from Central as usual.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
work="${QUICKSTART_DIR:-$root/target/quickstart}"
version="$(sed -n 's:.*<version>\(.*-SNAPSHOT\)</version>.*:\1:p' "$root/pom.xml" | head -1)"
archetype_plugin="$(sed -n 's:.*<plugin.archetype.version>\(.*\)</plugin.archetype.version>.*:\1:p' "$root/pom.xml")"
scratch_repo="$root/archetype/target/local-repo"
user_repo="${MAVEN_USER_REPO:-$HOME/.m2/repository}"
started=$(date +%s)
say() { printf '\n== %s (%ss)\n' "$1" "$(( $(date +%s) - started ))"; }

say "1/4 building apitpl $version into a scratch repository (no tests; 'mvn verify' runs them)"
mvn -B -q -f "$root/pom.xml" -pl archetype -am verify -DskipTests -Darchetype.test.skip=true

mkdir -p "$work"
settings="$work/settings.xml"
sed "s|@cacheRepositoryUrl@|file://$user_repo|" "$root/it/src/it/settings.xml" > "$settings"
mvn_scratch=(mvn -B -ntp -s "$settings" -Dmaven.repo.local="$scratch_repo")

say "2/4 generating a project from dev.apitpl:apitpl-archetype:$version into $work/demo-workflows"
rm -rf "$work/demo-workflows"
(cd "$work" && "${mvn_scratch[@]}" -q org.apache.maven.plugins:maven-archetype-plugin:"$archetype_plugin":generate \
  -DarchetypeGroupId=dev.apitpl -DarchetypeArtifactId=apitpl-archetype -DarchetypeVersion="$version" \
  -DgroupId=com.example.demo -DartifactId=demo-workflows -Dpackage=com.example.demo \
  -DtableName=demo-api-templates -DawsRegion=eu-west-1)
project="$work/demo-workflows"
# Plain `mvn` in the project finds the apitpl SNAPSHOTs too: Maven reads these options from .mvn/maven.config.
mkdir -p "$project/.mvn"
printf '%s\n' "-s" "$settings" "-Dmaven.repo.local=$scratch_repo" > "$project/.mvn/maven.config"

say "3/4 starting the demo API on 127.0.0.1"
# A single JDK class: javac is quicker than a Maven build here.
javac -d "$project/target/demo-api" "$project/src/test/java/com/example/demo/DemoApi.java"
api_log="$work/demo-api.log"
java -cp "$project/target/demo-api" com.example.demo.DemoApi 0 demo-token > "$api_log" 2>&1 &
api_pid=$!
trap 'kill "$api_pid" 2>/dev/null || true' EXIT
for _ in $(seq 1 50); do grep -q 'listening on' "$api_log" && break; sleep 0.1; done
base_url="$(sed -n 's/.*listening on \(http[^ ]*\).*/\1/p' "$api_log")"
[ -n "$base_url" ] || { echo "demo API did not start:"; cat "$api_log"; exit 1; }
echo "demo API at $base_url"

say "4/4 running the workflow: search-products, GET, through DynamoDB Local and the generic Lambda"
input="{\"templateName\":\"search-products\",\"method\":\"GET\",\"params\":{\"apiBaseUrl\":\"$base_url\",\"query\":\"lamp\",\"limit\":2}}"
(cd "$project" && APITPL_ALLOWED_DESTINATIONS=127.0.0.1 mvn -B -ntp apitpl:run -Dapitpl.input="$input")

say "done: the generated project is in $project (see its README.md)"
