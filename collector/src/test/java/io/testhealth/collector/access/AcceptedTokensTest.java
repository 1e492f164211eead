package io.testhealth.collector.access;

import io.micronaut.context.exceptions.ConfigurationException;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reading a setting's tokens (lists, comma-separated strings, blanks, bad tokens) and checking presented ones. */
final class AcceptedTokensTest {

    private static final String SETTING = "testhealth.api.upload-tokens";
    private static final String CURRENT = "0123456789abcdef-current";
    private static final String PREVIOUS = "0123456789abcdef-previous";

    @Test
    void acceptsEveryListedTokenAndNothingElse() {
        AcceptedTokens tokens = AcceptedTokens.read(SETTING, List.of(CURRENT, PREVIOUS));
        assertAll(
                () -> assertEquals(2, tokens.size()),
                () -> assertTrue(tokens.accepts(CURRENT)),
                () -> assertTrue(tokens.accepts(PREVIOUS)),
                () -> assertFalse(tokens.accepts("0123456789abcdef")),
                () -> assertFalse(tokens.accepts(CURRENT + "x")),
                () -> assertFalse(tokens.accepts(CURRENT.toUpperCase())),
                () -> assertFalse(tokens.accepts("")));
    }

    @Test
    void aCommaSeparatedEntryIsSeveralTokensAsAnEnvironmentVariableGivesThem() {
        AcceptedTokens tokens = AcceptedTokens.read(SETTING, List.of(" " + CURRENT + " , " + PREVIOUS + ","));
        assertEquals(2, tokens.size());
        assertTrue(tokens.accepts(PREVIOUS));
    }

    @Test
    void anEmptyOrBlankSettingHasNoTokens() {
        assertTrue(AcceptedTokens.read(SETTING, null).isEmpty());
        assertTrue(AcceptedTokens.read(SETTING, List.of()).isEmpty());
        assertTrue(AcceptedTokens.read(SETTING, Arrays.asList("", " , ", null)).isEmpty());
        assertFalse(AcceptedTokens.read(SETTING, List.of()).accepts(""));
    }

    @Test
    void aShortTokenIsRefusedNamingTheSettingAndPositionButNotTheToken() {
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> AcceptedTokens.read(SETTING, List.of(CURRENT + ",changeme")));
        assertAll(
                () -> assertTrue(e.getMessage().startsWith(SETTING + ": token 2 has 8 characters"), e.getMessage()),
                () -> assertTrue(e.getMessage().contains(String.valueOf(AcceptedTokens.MIN_LENGTH))),
                () -> assertFalse(e.getMessage().contains("changeme")));
        assertEquals(1, AcceptedTokens.read(SETTING, List.of("x".repeat(AcceptedTokens.MIN_LENGTH))).size());
    }

    @Test
    void aTokenNoHeaderCouldCarryIsRefused() {
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> AcceptedTokens.read(SETTING, List.of("0123456789 abcdef")));
        assertTrue(e.getMessage().contains("token 1 holds a space"), e.getMessage());
        assertThrows(ConfigurationException.class, () -> AcceptedTokens.read(SETTING, List.of("0123456789abcdéf")));
    }
}
