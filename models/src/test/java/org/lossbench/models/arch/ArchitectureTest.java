package org.lossbench.models.arch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.lossbench.core.ExitCode;
import org.lossbench.core.LossbenchException;
import org.lossbench.core.graph.Graph;
import org.lossbench.core.graph.Initializer;
import org.lossbench.core.graph.Value;

class ArchitectureTest {

    /**
     * V-Net as published, C_in = 1, K = 2. A k^3 convolution a -> b has 125ab + b parameters
     * (k = 5), a 2x2x2 (transposed) convolution 8ab + b, a PReLU one slope per channel.
     * <pre>
     * stage 0 (16):  conv 1->16: 125*16+16 = 2,016;                     PReLU 16           ->      2,032
     * enc 1 (32):    down 8*16*32+32 = 4,128 + PReLU 32; 2 x (125*32*32+32 + 32) = 256,128 ->    260,288
     * enc 2 (64):    down 8*32*64+64 = 16,448 + 64; 3 x (125*64*64+64 + 64) = 1,536,384    ->  1,552,896
     * enc 3 (128):   down 8*64*128+128 = 65,664 + 128; 3 x (125*128^2+128+128) = 6,144,768 ->  6,210,560
     * enc 4 (256):   down 8*128*256+256 = 262,400 + 256; 3 x (125*256^2+256+256) = 24,577,536 -> 24,840,192
     * dec 3 (256):   up 8*256*128+128 = 262,272 + 128; 3 x (125*256^2+256+256) = 24,577,536 -> 24,839,936
     * dec 2 (128):   up 8*256*64+64 = 131,136 + 64; 3 x (125*128^2+128+128) = 6,144,768   ->  6,275,968
     * dec 1 (64):    up 8*128*32+32 = 32,800 + 32; 2 x (125*64^2+64+64) = 1,024,256      ->  1,057,088
     * dec 0 (32):    up 8*64*16+16 = 8,208 + 16; 1 x (125*32^2+32+32) = 128,064          ->    136,288
     * head:          1x1x1 32->2: 64+2                                                 ->         66
     * total                                                                              65,175,314
     * </pre>
     */
    @Test
    void vnetParameterCountMatchesTheHandDerivation() {
        long expected = 2_032 + 260_288 + 1_552_896 + 6_210_560 + 24_840_192 + 24_839_936 + 6_275_968 + 1_057_088 + 136_288 + 66;
        assertEquals(65_175_314, expected);
        assertEquals(expected, VNetBuilder.build(VNetConfig.paper(1, 2, 0)).parameterCount());
    }

    /**
     * vnet-lite defaults, C_in = 1, K = 2, k = 3 (27 taps), instance norm (scale + bias = 2C per norm).
     * A "unit" conv a->b + norm + PReLU has 27ab + b + 2b + b = 27ab + 4b.
     * <pre>
     * stage 0 (16, 2 convs): 27*1*16+64 = 496; 27*16*16+64 = 6,976                      ->      7,472
     * enc 1 (32): down 8*16*32+32 + 64 + 32 = 4,224; 2 x (27*32*32+128) = 55,552          ->     59,776
     * enc 2 (64): down 8*32*64+64+128+64 = 16,640; 2 x (27*64*64+256) = 221,696           ->    238,336
     * enc 3 (128): down 8*64*128+128+256+128 = 66,048; 2 x (27*128^2+512) = 885,760       ->    951,808
     * enc 4 (256): down 8*128*256+256+512+256 = 263,168; 1 x (27*256^2+1024) = 1,770,496 ->  2,033,664
     * dec 3 (128): up 8*256*128+128+256+128 = 262,656; conv 27*256*128+512 = 885,248      ->  1,147,904
     * dec 2 (64): up 8*128*64+64+128+64 = 65,792; conv 27*128*64+256 = 221,440            ->    287,232
     * dec 1 (32): up 8*64*32+32+64+32 = 16,512; conv 27*64*32+128 = 55,424                ->     71,936
     * dec 0 (16): up 8*32*16+16+32+16 = 4,160; conv 27*32*16+64 = 13,888                  ->     18,048
     * head 16*2+2                                                                         ->         34
     * total                                                                                   4,816,210
     * deep supervision heads (training graph only): (128+64+32)*2 + 3*2                   ->        454
     * </pre>
     */
    @Test
    void vnetLiteParameterCountMatchesTheHandDerivationAndIsAbout1Over14OfVnet() {
        long expected = 7_472 + 59_776 + 238_336 + 951_808 + 2_033_664 + 1_147_904 + 287_232 + 71_936 + 18_048 + 34;
        assertEquals(4_816_210, expected);
        long lite = VNetLiteBuilder.build(VNetLiteConfig.defaults(1, 2, 0)).parameterCount();
        assertEquals(expected, lite);
        assertEquals(expected + 454, VNetLiteBuilder.build(VNetLiteConfig.defaults(1, 2, 0), true).parameterCount());
        double ratio = 65_175_314.0 / lite;
        assertTrue(ratio > 12.5 && ratio < 15.5, "vnet / vnet-lite = " + ratio);
    }

    /**
     * vnet-tiny defaults (width 4, depth 2, kernel 3), C_in = 1, K = 2:
     * stage 0: 27*4+4 + 4 = 116; enc 1: 8*4*8+8 + 8 + 27*64+8 + 8 = 2,016;
     * enc 2: 8*8*16+16 + 16 + 27*256+16 + 16 = 8,000; dec 1: 8*16*8+8 + 8 + 27*256+16 + 16 = 7,984;
     * dec 0: 8*16*4+4 + 4 + 27*64+8 + 8 = 2,264; head 8*2+2 = 18; total 20,398.
     */
    @Test
    void vnetTinyParameterCountMatchesTheHandDerivation() {
        assertEquals(116 + 2_016 + 8_000 + 7_984 + 2_264 + 18, Architecture.VNET_TINY.build(ArchOptions.defaults()).parameterCount());
        assertEquals(20_398, Architecture.VNET_TINY.build(ArchOptions.defaults()).parameterCount());
    }

    @Test
    void inferenceGraphsMeetTheModelContract() {
        for (Architecture a : Architecture.values()) {
            Graph g = a.build(new ArchOptions(a == Architecture.VNET ? 2 : null, null, null, 3, 4, 1));
            assertEquals(1, g.inputs().size(), a.id());
            Value in = g.inputs().get(0);
            assertEquals("image", in.name());
            assertEquals("[N, 3, D, H, W]", in.shape().toString());
            assertEquals(1, g.outputs().size(), a.id());
            Value out = g.outputs().get(0);
            assertEquals("logits", out.name());
            assertEquals(5, out.rank());
            assertEquals(4, out.shape().dim(1));
            assertEquals("N", out.shape().symbol(0));
        }
    }

    @Test
    void liteTrainingGraphHasDeepSupervisionHeadsAtLowerResolutions() {
        VNetLiteConfig c = new VNetLiteConfig(1, 3, 2, new int[] {1, 1, 1, 1}, 3, Normalization.INSTANCE, 0);
        Graph train = VNetLiteBuilder.build(c, true);
        assertEquals(List.of("logits", "logits_ds1", "logits_ds2"), train.outputs().stream().map(Value::name).toList());
        assertEquals(1, VNetLiteBuilder.build(c, false).outputs().size());
        // logits_ds1 = Identity(Conv1x1(dec1/act)): decoder level 1, 1/2 resolution.
        String head = train.producer("logits_ds1").input(0);
        assertEquals("dec1/ds_head/conv", head);
        assertEquals("dec1/act", train.producer(head).input(0));
        assertEquals("dec2/act", train.producer(train.producer("logits_ds2").input(0)).input(0));
    }

    @Test
    void sameSeedSameWeightsOtherSeedOtherWeights() {
        List<Initializer> a = Architecture.VNET_TINY.build(ArchOptions.defaults()).parameters();
        List<Initializer> b = Architecture.VNET_TINY.build(ArchOptions.defaults()).parameters();
        List<Initializer> c = Architecture.VNET_TINY.build(new ArchOptions(null, null, null, 1, 2, 1)).parameters();
        assertArrayEquals(a.get(0).tensor().floatData(), b.get(0).tensor().floatData());
        assertNotEquals(a.get(0).tensor().floatData()[0], c.get(0).tensor().floatData()[0]);
        // He (fan-in): width 16 gives enc1 32 channels, so enc1/conv0 is a 3x3x3 32->32 convolution with
        // fan-in 32 * 27 = 864 and weight std sqrt(2 / 864) = 0.0481; over 27,648 weights the sample std has a relative
        // standard error of about 1 / sqrt(2 * 27,648) = 0.4%, and 5% is allowed
        float[] w = Architecture.VNET_TINY.build(new ArchOptions(16, 1, 3, 1, 2, 3)).initializer("enc1/conv0/weight").tensor().floatData();
        double ss = 0;
        for (float v : w) {
            ss += v * v;
        }
        double std = Math.sqrt(ss / w.length);
        assertEquals(Math.sqrt(2.0 / (32 * 27)), std, 0.05 * Math.sqrt(2.0 / (32 * 27)));
    }

    @Test
    void unknownArchitecturesAndBadOptionsAreUsageErrors() {
        LossbenchException e = assertThrows(LossbenchException.class, () -> Architecture.byName("unet"));
        assertEquals(ExitCode.USAGE, e.exitCode());
        assertTrue(e.getMessage().contains("vnet, vnet-lite, vnet-tiny"), e.getMessage());
        assertThrows(LossbenchException.class, () -> Architecture.VNET.build(new ArchOptions(null, 3, null, 1, 2, 0)));
        assertThrows(LossbenchException.class, () -> Architecture.VNET_TINY.build(new ArchOptions(null, null, 4, 1, 2, 0)));
    }
}
