package org.oversight.ops.sim;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.oversight.domain.event.Template;
import org.oversight.recognition.match.MatchScore;
import org.oversight.recognition.template.FaceTemplate;

class SyntheticTemplatesTest {
    private final SyntheticTemplates t = new SyntheticTemplates(7);

    @Test
    void nearProbesPassThePolicyThresholdAndUnrelatedOnesAreFarAbove() throws Exception {
        int worstNear = 0;
        int closestOther = Integer.MAX_VALUE;
        for (int k = 0; k < 50; k++) {
            FaceTemplate entry = parse(t.entry(k));
            for (long sample = 0; sample < 20; sample++) {
                worstNear = Math.max(worstNear, MatchScore.squaredDistance(entry, parse(t.near(k, sample))));
                closestOther = Math.min(closestOther, MatchScore.squaredDistance(entry, parse(t.unrelated(k * 100 + sample))));
                closestOther = Math.min(closestOther, MatchScore.squaredDistance(entry, parse(t.near((k + 1) % 50, sample))));
            }
        }
        assertThat(worstNear).isLessThan((int) SyntheticTemplates.THRESHOLD / 2);
        assertThat(closestOther).isGreaterThan((int) SyntheticTemplates.MAX_THRESHOLD * 5);
    }

    @Test
    void templatesCarryTheRealModelIdAndAreDeterministic() throws Exception {
        Template e = t.entry(3);
        assertThat(e.modelId()).isEqualTo(SyntheticTemplates.MODEL);
        assertThat(e.format()).isEqualTo(FaceTemplate.VERSION);
        assertThat(parse(e).modelId().hex()).isEqualTo(SyntheticTemplates.MODEL_ID_HEX);
        assertThat(new SyntheticTemplates(7).near(3, 9)).isEqualTo(t.near(3, 9));
        assertThat(new SyntheticTemplates(8).entry(3)).isNotEqualTo(e);
    }

    private static FaceTemplate parse(Template t) throws Exception {
        return FaceTemplate.parse(t.data());
    }
}
