package org.volsched.driver.filter.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ExpressionWarningsTest {

    private static List<String> warnings(String text) {
        return ExpressionWarnings.analyse(text);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "capabilities.free_capacity_gb > 100",
        "volume.size < 10 && stats.storage_protocol == 'iSCSI'",
        "(volume.size) and (volume.size > 1)",
        "max(1, 2) * abs(0 - 3) / min(4, 5)",
        "capabilities.total_capacity_gb < 500 ? 50 : 100",
        "not (volume.size == 1)",
        "1 == not 0",
        "'True' == 'abc1'",
        "2.5 * 3",
        "(a && b) && c",
        "x ? a : (y ? d : e)",
    })
    void ordinaryFunctionsHaveNoWarnings(String text) {
        assertThat(warnings(text)).isEmpty();
    }

    @Test
    void andChainsOfThreeOrMore() {
        assertThat(warnings("a && b && c")).singleElement().asString()
                .startsWith("char 0: AND chain with 3 operands: Cinder evaluates only the first two")
                .contains("ignores the other 1");
        assertThat(warnings("volume.size > 1 AND volume.size < 5 AND 0 AND 1")).singleElement().asString()
                .contains("AND chain with 4 operands").contains("ignores the other 2");
    }

    @Test
    void orChainsOfThreeOrMore() {
        assertThat(warnings("0 || 0 || 5")).singleElement().asString()
                .startsWith("char 0: OR chain with 3 operands");
        assertThat(warnings("x == 1 || (y == 2 || z == 3)")).isEmpty();
    }

    @Test
    void chainedConditionalsWithoutParentheses() {
        assertThat(warnings("x ? a : y ? d : e")).singleElement().asString()
                .startsWith("char 0: chained ?: without parentheses: Cinder evaluates only \"c1 ? a : c2\"");
    }

    @Test
    void wordOperatorsAfterAnIdentifier() {
        assertThat(warnings("volume.size and 1")).singleElement().asString()
                .startsWith("char 0: the identifier \"volume.size\" is followed by the word operator \"and\"")
                .contains("volume.size(and(...))").contains("KeyError");
        assertThat(warnings("x or y")).singleElement().asString().contains("word operator \"or\"");
        assertThat(warnings("1 + not 0")).singleElement().asString()
                .startsWith("char 4: \"not\" is read as a function name here, not as an operator");
    }

    @Test
    void otherFunctionCallsOfUnknownNames() {
        assertThat(warnings("foo(3)")).singleElement().asString()
                .startsWith("char 0: \"foo\" is applied as a function")
                .contains("only abs, max and min exist");
        assertThat(warnings("volume.size 1")).singleElement().asString().contains("\"volume.size\"");
    }

    @Test
    void identifiersWithDigits() {
        List<String> w = warnings("capabilities.raid5 > 1");
        assertThat(w).hasSize(2);
        assertThat(w).anySatisfy(s -> assertThat(s).startsWith("char 0: \"capabilities.raid5\" is not one token")
                .contains("read as capabilities.raid 5"));
        assertThat(w).anySatisfy(s -> assertThat(s).contains("\"capabilities.raid\" is applied as a function"));
    }

    @Test
    void digitWarningsAlsoForTextsThatDoNotParse() {
        assertThat(warnings("capabilities.raid5_level > 1")).singleElement().asString()
                .contains("read as capabilities.raid 5 _level");
        assertThat(warnings("1e5 > 1")).singleElement().asString().contains("read as 1 e 5");
        assertThat(warnings("x > .5")).anySatisfy(s -> assertThat(s).contains("\".5\" is not one token"));
        assertThat(warnings("'raid5' == x")).isEmpty();
    }

    @Test
    void notBeforeAComparison() {
        assertThat(warnings("not volume.size == 1")).singleElement().asString()
                .startsWith("char 0: NOT binds tighter than comparisons in Cinder")
                .contains("(not x) == y");
        assertThat(warnings("!x < 1")).hasSize(1);
    }

    @Test
    void wordOperatorsInsideLongerWords() {
        assertThat(warnings("nothing")).singleElement().asString()
                .isEqualTo("char 0: Cinder reads the operator \"not\" at the start of the word \"nothing\", as \"not hing\"");
        assertThat(warnings("4 andy")).singleElement().asString().contains("as \"and y\"");
    }

    @Test
    void booleanAndNoneWordsAreStrings() {
        assertThat(warnings("capabilities.thin_provisioning_support == True")).singleElement().asString()
                .contains("\"True\" is the string 'True', not a boolean");
        assertThat(warnings("False")).hasSize(1);
        assertThat(warnings("none")).hasSize(1);
    }

    @Test
    void warningsAreSortedByPosition() {
        List<String> w = warnings("a && b && c || nothing");
        assertThat(w).hasSize(2);
        assertThat(w.get(0)).startsWith("char 0: AND chain");
        assertThat(w.get(1)).startsWith("char 15: Cinder reads the operator \"not\"");
    }

    @Test
    void abandonedReadingsLeaveNoWarnings() {
        // "not * 2": the negation reading is given up, so no NOT-related warning remains
        assertThat(warnings("not * 2")).isEmpty();
        assertThat(warnings("1 + (2 && 3 && 4")).isEmpty();
    }

    @Test
    void expressionCarriesTheSameWarnings() throws EvaluatorException {
        String text = "a and b and c";
        assertThat(Expression.parse("(1) and 2 and 3").warnings()).isEqualTo(warnings("(1) and 2 and 3"));
        assertThat(Expression.parse(text).warnings()).isEqualTo(warnings(text)).isNotEmpty();
        assertThat(Expression.parse("1").warnings()).isEmpty();
    }
}
