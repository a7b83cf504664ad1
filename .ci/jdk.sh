# Sourced by ./packos, ./test and .ci/run: finds JDK 25 whatever the default java is.
packos_find_jdk() {
  local candidates=("${PACKOS_JAVA_HOME:-}" "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/temurin-25* /usr/lib/jvm/*25* /opt/java/openjdk)
  local c v
  for c in "${candidates[@]}"; do
    [ -n "$c" ] && [ -x "$c/bin/java" ] || continue
    v=$("$c/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
    if [ -n "$v" ] && [ "${v%%.*}" -ge 25 ] 2>/dev/null; then
      export JAVA_HOME="$c"
      export PATH="$c/bin:$PATH"
      return 0
    fi
  done
  echo "packos: no JDK 25 found (looked at \$JAVA_HOME and /usr/lib/jvm); install Temurin 25 or set PACKOS_JAVA_HOME" >&2
  return 1
}
