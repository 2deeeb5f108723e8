package dev.sis.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.util.Fields;
import org.eclipse.jetty.util.UrlEncoded;
import org.junit.jupiter.api.Test;

/** The fast path's own query reader gives what Jetty's gives, and leaves to Jetty what needs decoding. */
class CachedReadsQueryTest {
    @Test
    void aPlainQueryIsReadAsJettyReadsIt() {
        for (String query : List.of("md5=0123456789abcdef0123456789abcdef&w=300&h=200", "w=1", "a", "a=", "=b",
                "&&a=1&", "a=1&a=2&b=3", "a=b=c", "w=300&", "&", "x=1&&y=2", "W=1&w=2")) {
            Fields jetty = new Fields(true);
            UrlEncoded.decodeUtf8To(query, jetty);
            assertThat(asMap(CachedReads.plainQuery(query))).as(query).isEqualTo(asMap(jetty));
        }
    }

    @Test
    void aQueryWithAnythingToDecodeIsLeftToJetty() {
        for (String query : List.of("name=a%20b", "name=a+b", "name=é")) {
            assertThat(CachedReads.plainQuery(query)).as(query).isNull();
        }
    }

    @Test
    void noQueryHasNoParameters() {
        assertThat(CachedReads.plainQuery(null).getSize()).isZero();
        assertThat(CachedReads.plainQuery("").getSize()).isZero();
    }

    private static Map<String, List<String>> asMap(Fields fields) {
        Map<String, List<String>> map = new LinkedHashMap<>();
        for (Fields.Field field : fields) {
            map.put(field.getName(), field.getValues());
        }
        return map;
    }
}
