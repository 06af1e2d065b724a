package org.leadscoring.outcomes;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RankingTest {

    @Test
    void givenScoresThatRankEverySuccessFirst_thenTheAucIsOne_reversedZero_allEqualAHalf_andOneKindNone() {
        double[] y = { 1, 1, 0, 0, 0 };
        assertThat(Ranking.auc(new double[] { 9, 8, 3, 2, 1 }, y)).isEqualTo(1.0);
        assertThat(Ranking.auc(new double[] { 1, 2, 3, 8, 9 }, y)).isEqualTo(0.0);
        assertThat(Ranking.auc(new double[] { 5, 5, 5, 5, 5 }, y)).isEqualTo(0.5);
        // One success above two of three failures and below one: 2 of 3 pairs.
        assertThat(Ranking.auc(new double[] { 7, 9, 5, 1 }, new double[] { 1, 0, 0, 0 })).isEqualTo(0.6667);
        assertThat(Ranking.auc(new double[] { 1, 2 }, new double[] { 1, 1 })).isNull();
    }

    @Test
    void givenTwentyProspects_thenTheTopTenthIsTheTwoBest_andItsRateOverAllIsTheLift() {
        double[] score = new double[20];
        double[] y = new double[20];
        for (int i = 0; i < 20; i++) {
            score[i] = i;
            y[i] = i >= 18 || i == 3 || i == 4 || i == 5 ? 1 : 0;
        }
        // 5 of 20 won (25%); both of the top two did (100%): four times as often.
        assertThat(Ranking.topTenthLift(score, y)).isEqualTo(4.0);
        y[19] = 0;
        y[6] = 1;
        assertThat(Ranking.topTenthLift(score, y)).isEqualTo(2.0);
    }

    @Test
    void givenACountNotAMultipleOfTen_thenTheTopTenthRoundsUp_asTheReportsFirstDecile_andNobodyWonGivesNoLift() {
        assertThat(Ranking.topTenth(20)).isEqualTo(2);
        assertThat(Ranking.topTenth(21)).isEqualTo(3);
        assertThat(Ranking.topTenth(1)).isEqualTo(1);
        assertThat(Ranking.topTenth(0)).isZero();
        // 25 prospects: the top three, of whom one won; 5 of 25 overall.
        double[] score = new double[25];
        double[] y = new double[25];
        for (int i = 0; i < 25; i++) {
            score[i] = 100 - i;
            y[i] = i == 2 || i >= 21 ? 1 : 0;
        }
        assertThat(Ranking.topTenthLift(score, y)).isEqualTo(round((1 / 3.0) / (5 / 25.0)));
        assertThat(Ranking.topTenthLift(score, new double[25])).isNull();
        assertThat(Ranking.topTenthLift(new double[0], new double[0])).isNull();
    }

    @Test
    void givenEqualScoresAcrossTheTopTenth_thenTheEarlierCountFirst() {
        // Ten prospects with the same score: the top tenth is the first of them, whatever came after.
        double[] score = new double[10];
        double[] y = { 1, 0, 0, 0, 0, 0, 0, 0, 0, 1 };
        assertThat(Ranking.topTenthLift(score, y)).isEqualTo(5.0);
    }

    private static double round(double v) {
        return Math.round(v * 10000) / 10000.0;
    }
}
