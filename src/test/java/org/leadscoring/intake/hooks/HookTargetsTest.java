package org.leadscoring.intake.hooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * Inside addresses in every spelling are refused as hook targets, decided on the address itself: nothing here connects
 * anywhere ({@code problem} reads the text, {@code resolve} of a literal resolves without a lookup and never sends).
 */
class HookTargetsTest {

    final HookTargets targets = new HookTargets(List.of());

    /** Every IPv6 spelling that carries an IPv4 address: mapped, compatible, NAT64, 6to4. */
    static List<String> embeddings(int a, int b, int c, int d) {
        String hi = Integer.toHexString(a << 8 | b);
        String lo = Integer.toHexString(c << 8 | d);
        return List.of("[::ffff:" + a + "." + b + "." + c + "." + d + "]", "[::ffff:" + hi + ":" + lo + "]", "[::" + a + "." + b + "." + c + "." + d + "]",
                "[::" + hi + ":" + lo + "]", "[64:ff9b::" + hi + ":" + lo + "]", "[64:ff9b::" + a + "." + b + "." + c + "." + d + "]",
                "[2002:" + hi + ":" + lo + "::]", "[2002:" + hi + ":" + lo + ":1::1]", "[0:0:0:0:0:ffff:" + hi + ":" + lo + "]");
    }

    @Test
    void theSpellingsTheIssueFound_areRefused() {
        for (String host : List.of("[::127.0.0.1]", "[::ffff:0:7f00:1]", "[64:ff9b::a9fe:a9fe]", "[2002:a9fe:a9fe::]", "[::ffff:7f00:1]",
                "[2001:0:4136:e378:8000:63bf:3fff:fdd2]", "[64:ff9b:1::a9fe:a9fe]", "[fd00::1]", "[fe80::1]", "[::]", "[::1]", "[ff02::1]")) {
            assertThat(targets.problem("https://" + host + "/hook")).as(host).isPresent();
            assertThatThrownBy(() -> targets.resolve("https://" + host + "/hook")).as(host).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void givenGeneratedInsideIPv4Addresses_thenEverySpellingIsRefused_andPublicOnesAreNot() {
        Random random = new Random(25);
        int[][] insidePrefixes = { { 127, -1 }, { 10, -1 }, { 172, 16 }, { 192, 168 }, { 169, 254 }, { 100, 64 }, { 0, -1 }, { 198, 18 }, { 240, -1 } };
        List<String> checked = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            int[] p = insidePrefixes[random.nextInt(insidePrefixes.length)];
            int b = p[1] < 0 ? random.nextInt(256) : p[1] + (p[0] == 172 ? random.nextInt(16) : p[0] == 100 ? random.nextInt(64) : p[0] == 198 ? random.nextInt(2) : 0);
            int a = p[0] == 240 ? 240 + random.nextInt(16) : p[0];
            for (String host : embeddings(a, b, random.nextInt(256), random.nextInt(256))) {
                assertThat(targets.problem("https://" + host + "/hook")).as(host).isPresent();
                checked.add(host);
            }
        }
        for (int i = 0; i < 100; i++) {
            // 8.0.0.0/8 and 93.0.0.0/8 are public.
            int a = random.nextBoolean() ? 8 : 93;
            for (String host : embeddings(a, random.nextInt(256), random.nextInt(256), 1 + random.nextInt(254))) {
                assertThat(targets.problem("https://" + host + "/hook")).as(host).isEmpty();
            }
        }
        assertThat(checked).hasSizeGreaterThan(2000);
    }
}
