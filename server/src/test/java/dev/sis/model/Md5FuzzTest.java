package dev.sis.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.sis.errors.InvalidInputException;

/**
 * Fuzzes MD5 parsing: accepted only as 32 hex digits, normalised to lower case; refused only
 * with {@link InvalidInputException} (a 400). Seeds: {@code Md5FuzzTestInputs/}.
 */
class Md5FuzzTest {

    @FuzzTest
    void anMd5Is32LowerCaseHexDigitsOrRefused(FuzzedDataProvider data) {
        String text = data.consumeRemainingAsString();
        Md5 md5;
        try {
            md5 = Md5.parse(text);
        } catch (InvalidInputException refused) {
            assertThat(refused.getMessage()).isNotBlank();
            return;
        }
        assertThat(md5.hex()).matches("[0-9a-f]{32}").isEqualToIgnoringCase(text);
    }
}
