#!/usr/bin/env bash
# End-to-end check of the Karaf feature in a real Apache Karaf (see docs/karaf.md, "Verify"):
#   1. unpacks Karaf (from the local Maven repository: mvn dependency:get fetches it),
#   2. puts the bundle and features.xml built by `mvn package` into Karaf's system/ repository,
#   3. starts the project's embedded Qvarn and writes etc/org.qvarnmr.camel.cfg and the bindings,
#   4. starts Karaf, installs the qvarnmr-camel feature (Karaf downloads camel-karaf from Maven Central),
#   5. creates an org and a report and waits until reports_counts says 1, then 2 after a second report,
#   6. stops Karaf and checks that the worker cleared its ownership.
# Usage: src/main/karaf/karaf-it.sh [WORK_DIR]    (run `mvn -B package -DskipTests` first)
# Exit 0 on success; on failure prints the end of Karaf's log.
set -euo pipefail
cd "$(dirname "$0")/../../.."
KARAF_VERSION=$(sed -n 's:.*<karaf.version>\(.*\)</karaf.version>.*:\1:p' pom.xml)
VERSION=$(grep -m1 '<version>' pom.xml | sed 's:.*<version>\(.*\)</version>.*:\1:')
WORK=${1:-target/karaf-it}
M2=${MAVEN_REPO:-$HOME/.m2/repository}
TARBALL=$M2/org/apache/karaf/apache-karaf/$KARAF_VERSION/apache-karaf-$KARAF_VERSION.tar.gz
STEP_TIMEOUT=${STEP_TIMEOUT:-600}

[ -f target/qvarnmr-camel-bundle.jar ] || { echo "run mvn -B package -DskipTests first" >&2; exit 2; }
if [ ! -f "$TARBALL" ]; then
  mvn -B -q org.apache.maven.plugins:maven-dependency-plugin:3.8.1:get -Dtransitive=false -Dartifact=org.apache.karaf:apache-karaf:$KARAF_VERSION:tar.gz
fi

rm -rf "$WORK" && mkdir -p "$WORK"
WORK=$(cd "$WORK" && pwd)
tar xzf "$TARBALL" -C "$WORK"
KARAF=$WORK/apache-karaf-$KARAF_VERSION
# Only Maven Central: no snapshot repositories (our SNAPSHOT comes from system/).
sed -i '/^org.ops4j.pax.url.mvn.repositories=/,/ops4j-snapshots/c\org.ops4j.pax.url.mvn.repositories=https://repo1.maven.org/maven2@id=central' \
  "$KARAF/etc/org.ops4j.pax.url.mvn.cfg"
# Our artifacts in Karaf's system repository, in Maven layout.
SYS=$KARAF/system/org/qvarnmr/qvarnmr-camel/$VERSION
mkdir -p "$SYS"
cp target/qvarnmr-camel-bundle.jar "$SYS/qvarnmr-camel-$VERSION-bundle.jar"
cp target/karaf/features.xml "$SYS/qvarnmr-camel-$VERSION-features.xml"

# The embedded Qvarn, on a free port.
java -jar target/qvarnmr-camel.jar qvarn-server --port 0 --resource-types config/resource-types > "$WORK/qvarn.out" 2>&1 &
QVARN_PID=$!
cleanup() {
  "$KARAF/bin/stop" >/dev/null 2>&1 || true
  kill "$QVARN_PID" 2>/dev/null || true
}
trap cleanup EXIT
timeout 60 bash -c "until grep -q base_url= '$WORK/qvarn.out'; do sleep 0.2; done"
BASE_URL=$(sed -n 's/^base_url=//p' "$WORK/qvarn.out")
echo "embedded Qvarn: $BASE_URL"

cp config/handlers.yaml "$KARAF/etc/qvarnmr-handlers.yaml"
cat > "$KARAF/etc/org.qvarnmr.camel.cfg" <<EOF
qvarn.base-url = $BASE_URL
qvarnmr.instance = karaf-it
qvarnmr.poll-interval = 200ms
qvarnmr.handlers = qvarnmr-handlers.yaml
qvarnmr.dead-letter-uri = file:data/qvarnmr/dead-letters
EOF

# A local admin user for bin/client (Karaf 4.4 ships none).
sed -i 's/^#karaf = /karaf = /; s/^#_g_\\:admingroup = /_g_\\:admingroup = /' "$KARAF/etc/users.properties"
export JAVA_HOME=${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}
# Only on 127.0.0.1 (RMI and JMX already are).
sed -i 's/^sshHost = 0.0.0.0/sshHost = 127.0.0.1/' "$KARAF/etc/org.apache.karaf.shell.cfg"
# Commands go through stdin (-b): without a terminal, bin/client ignores commands given as arguments.
client() { printf '%s\n' "$1" | "$KARAF/bin/client" -u karaf -p karaf -r 60 -d 2 -t 900000 -b; }
"$KARAF/bin/start"
client "feature:repo-add mvn:org.qvarnmr/qvarnmr-camel/$VERSION/xml/features"
echo "installing the feature (downloads camel-karaf bundles from Maven Central on the first run)..."
timeout "$STEP_TIMEOUT" bash -c "$(declare -f client); KARAF='$KARAF' client 'feature:install -v qvarnmr-camel'" \
  | tee "$WORK/feature-install.txt" | tail -5
if grep -qiE "^Error|Unable to resolve|Exception" "$WORK/feature-install.txt"; then
  cat "$WORK/feature-install.txt"; tail -50 "$KARAF/data/log/karaf.log"; exit 1
fi
client "bundle:list -s" | grep -E "org.qvarnmr.camel|camel-blueprint|camel-core-engine"

post() { curl -sf -X POST -H 'Content-Type: application/json' -d "$2" "$BASE_URL/$1" | sed -n 's/.*"id": *"\([^"]*\)".*/\1/p'; }
count() { curl -sf "$BASE_URL/reports_counts/search/show_all/exact/_mr_key/$1" | grep -o '"_mr_value": *[0-9]*' | grep -o '[0-9]*$' || true; }
wait_count() {
  if ! timeout 120 bash -c "until [ \"\$(curl -sf '$BASE_URL/reports_counts/search/show_all/exact/_mr_key/$1' | grep -o '\"_mr_value\": *[0-9]*' | grep -o '[0-9]*\$')\" = '$2' ]; do sleep 0.5; done"; then
    echo "FAILED: reports_counts for $1 is '$(count "$1")', expected $2" >&2
    grep -i qvarnmr "$KARAF/data/log/karaf.log" | tail -30 >&2
    exit 1
  fi
  echo "reports_counts[$1] = $2"
}
ORG=$(post orgs '{"names": ["Acme Oy"]}')
post reports "{\"org\": \"$ORG\", \"report_type\": \"x\"}" >/dev/null
wait_count "$ORG" 1
post reports "{\"org\": \"$ORG\", \"report_type\": \"x\"}" >/dev/null
wait_count "$ORG" 2
grep -E "qvarnmr: worker .* running" "$KARAF/data/log/karaf.log" | tail -1

"$KARAF/bin/stop"
timeout 120 bash -c "while [ -f '$KARAF/data/port' ] && '$KARAF/bin/status' >/dev/null 2>&1; do sleep 0.5; done"
if curl -sf "$BASE_URL/qvarnmr_listeners/search/show_all/exact/instance/karaf-it" | grep -q '"owner": *"[^"]'; then
  echo "FAILED: the worker did not clear its ownership on stop" >&2
  exit 1
fi
echo "OK: qvarnmr-camel ran under Karaf $KARAF_VERSION and cleared its ownership on stop"
