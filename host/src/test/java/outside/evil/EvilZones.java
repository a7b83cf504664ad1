package outside.evil;

import java.time.zone.ZoneRules;
import java.time.zone.ZoneRulesProvider;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;

/** A time-zone provider named in the jar's META-INF/services. */
public final class EvilZones extends ZoneRulesProvider {
    public EvilZones() { Marker.ran("zone provider"); }

    @Override
    protected Set<String> provideZoneIds() { return Set.of("Evil/Zone"); }

    @Override
    protected ZoneRules provideRules(String zoneId, boolean forCaching) { return ZoneRules.of(java.time.ZoneOffset.UTC); }

    @Override
    protected NavigableMap<String, ZoneRules> provideVersions(String zoneId) { return new TreeMap<>(); }
}
