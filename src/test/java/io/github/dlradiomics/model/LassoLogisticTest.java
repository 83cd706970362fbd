package io.github.dlradiomics.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dlradiomics.util.Json;
import io.github.dlradiomics.util.UserInputException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The "lr-l1" classifier: cv rule, fixed lambda, registry, JSON. */
class LassoLogisticTest {
    @Test
    void fitsAtLambda1seAndRoundTrips() throws Exception {
        LassoTest.Wdbc d = LassoTest.wdbc();
        Classifier c = Classifiers.create("lr-l1", Map.of(), 42);
        c.fit(d.x(), d.y());
        LassoLogistic l = (LassoLogistic) c;
        Lasso.Cv cv = new Lasso().cv(d.x(), d.y(), Splits.stratifiedFolds(d.y(), 5, 42));
        assertEquals(cv.lambda1se(), l.lambda());
        int at = cv.path().indexOf(cv.lambda1se());
        assertArrayEquals(cv.path().beta()[at], l.coefficients(), 0);
        double[] p = c.predictProba(d.x());
        int correct = 0;
        for (int i = 0; i < p.length; i++) {
            assertTrue(p[i] > 0 && p[i] < 1);
            correct += (p[i] > 0.5 ? 1 : 0) == d.y()[i] ? 1 : 0;
        }
        assertTrue(correct > 0.93 * p.length, "accuracy " + correct);
        @SuppressWarnings("unchecked")
        Classifier back = Classifiers.fromJson((Map<String, Object>) Json.parse(Json.write(c.toJson(null))), null);
        assertArrayEquals(p, back.predictProba(d.x()), 1e-12);
        assertEquals(c.params(), back.params());
        assertEquals(List.of(Map.of("lambda", "1se"), Map.of("lambda", "min")), Classifiers.defaultGrid("lr-l1"));
    }

    @Test
    void fixedLambdaNeedsNoCv() throws Exception {
        LassoTest.Wdbc d = LassoTest.wdbc();
        LassoLogistic l = LassoLogistic.create(Map.of("lambda", 0.02), 1);
        l.fit(d.x(), d.y());
        Lasso.Fit f = new Lasso().fit(d.x(), d.y(), d.names(), 0.02);
        assertArrayEquals(f.beta(), l.coefficients(), 0);
        assertEquals(f.intercept(), l.intercept(), 0);
        assertThrows(UserInputException.class, () -> LassoLogistic.create(Map.of("lambda", "max"), 1));
        assertThrows(UserInputException.class, () -> LassoLogistic.create(Map.of("folds", 2), 1));
        assertThrows(UserInputException.class, () -> LassoLogistic.create(Map.of("alpha", 1), 1));
    }
}
