package org.volsched.driver.filter.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.volsched.python.Py;

/**
 * A differential corpus: random expressions (token soup and grammar-shaped, quirks included)
 * whose expected outcomes were computed by a pyparsing 3.3 / Python 3.11 rendering of the
 * grammar and semantics of section 12 of the semantics document, then sampled so that every
 * kind of outcome is represented. Each line is {@code text ⟹ outcome ⟹ detail}: {@code OK} and
 * Python's repr of the value, {@code PARSE}, {@code PE} (Cinder's EvaluatorParseException) and
 * its message, or the Python exception type and message.
 *
 * <p>The namespaces are {@code a} (the values below), {@code qos} = None and {@code e} = {}.
 */
class CinderCorpusTest {

    private static final String CORPUS = """
            !-foo a.f ⟹ KeyError ⟹ 'foo'
            (+abs a.f OR (e.k OR 99999999999999999999)) ⟹ KeyError ⟹ 'OR'
            1.5  - _ max ⟹ KeyError ⟹ '_'
            2.5 * NOT  "7" ⟹ KeyError ⟹ 'NOT'
            AND  2 >= 'ab' ⟹ KeyError ⟹ 'AND'
            AND OR 2 ⟹ KeyError ⟹ 'OR'
            ANDY00 ⟹ KeyError ⟹ 'ANDY'
            NOT x. a..xx1 ⟹ KeyError ⟹ 'a..xx'
            a.b _a.x 2.5 /  or  max 'it''s' ⟹ KeyError ⟹ '_a.x'
            a.b.c 'it''s' ⟹ KeyError ⟹ 'a.b.c'
            a.b.c > orbor007 ⟹ KeyError ⟹ 'orbor'
            a.b.c OR ⟹ KeyError ⟹ 'a.b.c'
            a.b.c OR||00 ⟹ KeyError ⟹ 'a.b.c'
            a.f  100  - 1.5 ⟹ KeyError ⟹ 'a.f'
            a.g  "7" ⟹ KeyError ⟹ 'a.g'
            a.neg > e.kOR2.5 AND OR ⟹ KeyError ⟹ 'e.kOR'
            a.xAND(a.neg ? nan : 4294967296) ⟹ KeyError ⟹ 'a.xAND'
            absmax10 , !a.band2and'' ⟹ KeyError ⟹ 'absmax'
            andyorb nan+false <=NOT NOTE ⟹ KeyError ⟹ 'andyorb'
            foo or ? 007 : 7 ^ a.s ? a.l : 007 ⟹ KeyError ⟹ 'foo'
            fooAND1.5OR"2.5" or "7" ⟹ KeyError ⟹ 'fooAND'
            inf _nothing .. max(1,2) ⟹ KeyError ⟹ '..'
            maxmin"2.5"^'it''s' and abs == 99999999999999999999 ⟹ KeyError ⟹ 'maxmin'
            nan.xandy infinity*max(1,2) ⟹ KeyError ⟹ 'nan.xandy'
            not ..max(1,2) ⟹ KeyError ⟹ '..max'
            nothinga.b.c NOTfalse- 3 ⟹ KeyError ⟹ 'hinga.b.c'
            orb NOTE and ⟹ KeyError ⟹ 'NOTE'
            orb a.sINF.5 ⟹ KeyError ⟹ 'a.sINF.'
            qos.x and a.q ? a.f : 'x' ⟹ KeyError ⟹ 'and'
            x1==and 10 ⟹ KeyError ⟹ 'x'
            ! 'x' !=3 ⟹ OK ⟹ True
            " 5 " <> 7 ⟹ OK ⟹ True
            "2.5"==1 ⟹ OK ⟹ False
            "7" == True ⟹ OK ⟹ False
            '' !=  100 ⟹ OK ⟹ True
            'ab' == 2.5 > foo 0.0<a.b*007!=-"a'b"!=abs ⟹ OK ⟹ False
            'it''s' <> 007 ⟹ OK ⟹ True
            'x'==0.0 ⟹ OK ⟹ False
            ((99999999999999999999 > a.b)) ⟹ OK ⟹ True
            (a.g >= 99999999999999999999) ⟹ OK ⟹ False
            (not " 5 ") ⟹ OK ⟹ False
            +'x' == 0.0 and a.x ⟹ OK ⟹ False
            007 != 1 ⟹ OK ⟹ True
            1.5 ? NOTE : a.zz <> 100 ? 2.5 : '' ⟹ OK ⟹ False
            10<100 ⟹ OK ⟹ True
            2.5 && a.q != True ⟹ OK ⟹ True
            3!=andy ⟹ OK ⟹ True
            3<> 0.0 ⟹ OK ⟹ True
            4294967296>=1.5 ⟹ OK ⟹ True
            7 != 99999999999999999999 ⟹ OK ⟹ True
            7 >= a.f ⟹ OK ⟹ False
            7!=  3 ⟹ OK ⟹ True
            AND ==  NOTE ⟹ OK ⟹ False
            Infinity>NOTE ⟹ OK ⟹ True
            NOT  9223372036854775808 ⟹ OK ⟹ False
            NOT "7"ANDor <> (0.0) ⟹ OK ⟹ False
            NOT 1 ⟹ OK ⟹ False
            NOT 4294967296||not 10 ⟹ OK ⟹ False
            NOT a.b.c != " 5 " ⟹ OK ⟹ True
            NOT> '' ⟹ OK ⟹ True
            NOTE <= 99999999999999999999 ⟹ OK ⟹ True
            NOTEINF ⟹ OK ⟹ False
            a.b.c==NOTE ⟹ OK ⟹ False
            a.g != not ⟹ OK ⟹ True
            a.q  <> True ⟹ OK ⟹ True
            min!=not and ⟹ OK ⟹ True
            not (1) ⟹ OK ⟹ False
            not a.neg <= a.neg ⟹ OK ⟹ False
            nothing!=ANDY ⟹ OK ⟹ True
            notnota.f ⟹ OK ⟹ True
            ( ( 'x'  ?inf  : a.f )) ⟹ OK ⟹ inf
            ('inf' and 1.5) ⟹ OK ⟹ 1.5
            ((a.g  )) ⟹ OK ⟹ 2.5
            ((a.g)) ⟹ OK ⟹ 2.5
            (0.0 AND and) ⟹ OK ⟹ 0.0
            (0.5) or 10 ⟹ OK ⟹ 0.5
            (0.5) or 1000000 ⟹ OK ⟹ 0.5
            (a.g)OR 1 >  a.x ⟹ OK ⟹ 2.5
            + inf + a.x ⟹ OK ⟹ inf
            +Infinity ⟹ OK ⟹ inf
            - nan ⟹ OK ⟹ nan
            -a.g -5 ⟹ OK ⟹ -7.5
            0.0  * Infinity ⟹ OK ⟹ nan
            0.0 and a.f ⟹ OK ⟹ 0.0
            007 - 0.0 or -'' && (100) ⟹ OK ⟹ 7.0
            007 ? 0.0 : . ⟹ OK ⟹ 0.0
            1.5 || AND ⟹ OK ⟹ 1.5
            10 + 0.5 ⟹ OK ⟹ 10.5
            10&&a.g ⟹ OK ⟹ 2.5
            12.75 *  0 ⟹ OK ⟹ 0.0
            2 && a.g ⟹ OK ⟹ 2.5
            2 AND 2.5 ⟹ OK ⟹ 2.5
            2.5  ^  0.0 ⟹ OK ⟹ 1.0
            2.5ORnan ⟹ OK ⟹ 2.5
            3  -nan ⟹ OK ⟹ nan
            7 AND 2.5 ⟹ OK ⟹ 2.5
            9223372036854775807  / a.q ⟹ OK ⟹ 1.3176245766935393e+18
            9223372036854775808/ "2.5" ⟹ OK ⟹ 3.6893488147419105e+18
            99999999999999999999AND100 + 2.5 ⟹ OK ⟹ 102.5
            INF ⟹ OK ⟹ inf
            Infinity - a.x ⟹ OK ⟹ inf
            Infinity||1 ? 2.5 : a.s<=0 > (('')) ⟹ OK ⟹ inf
            a.neg? 0.5:iSCSI ⟹ OK ⟹ 0.5
            abs 100 / 10 ⟹ OK ⟹ 10.0
            abs((a.g)OR 'ab') ⟹ OK ⟹ 2.5
            max(1,2)&&- a.g ⟹ OK ⟹ -2.5
            max(2.5,  a.g) ⟹ OK ⟹ 2.5
            max(a.g ? 0.0 : a.x, not 100) ⟹ OK ⟹ 0.0
            min(0.0, (1)OR 9223372036854775808) ⟹ OK ⟹ 0.0
            or ? 0.0 : "a'b" ⟹ OK ⟹ 0.0
            "a'b" ? (99999999999999999999) : (0 * a.q < foo) ⟹ OK ⟹ 99999999999999999999
            "a'b" ? 4294967296 : 1.5OR7 ⟹ OK ⟹ 4294967296
            'x' ? 10 : 'ab'<nothing ⟹ OK ⟹ 10
            ( (a.neg)and 3  ) ⟹ OK ⟹ 3
            (+ a.neg ) ⟹ OK ⟹ -3
            (0) ⟹ OK ⟹ 0
            (007 ? a.b : 0) ⟹ OK ⟹ 1
            (10) AND 3 ⟹ OK ⟹ 3
            (7) ⟹ OK ⟹ 7
            (7) OR 10 ⟹ OK ⟹ 7
            (NOT ? 0 : 'inf' + a.q*'') ⟹ OK ⟹ 0
            (a.b)  AND 5 ⟹ OK ⟹ 5
            (a.neg) ? +abs3 : True<>1 ⟹ OK ⟹ 3
            (a.x) or 3 ⟹ OK ⟹ 1
            (a.x-a.f) ⟹ OK ⟹ -511
            (abs 007) ⟹ OK ⟹ 7
            + 100 ⟹ OK ⟹ 100
            + 2 ⟹ OK ⟹ 2
            + 9223372036854775807?a.b  :0.5 ⟹ OK ⟹ 1
            - 00 ⟹ OK ⟹ 0
            007 - 99999999999999999999 ⟹ OK ⟹ -99999999999999999992
            007 ? 007 : nothing < 007 ⟹ OK ⟹ 7
            10 or "a'b" or (4294967296OR0) ⟹ OK ⟹ 10
            10 or 4294967296||7 ? a.zz : qos.x ⟹ OK ⟹ 10
            100and007 ⟹ OK ⟹ 7
            1or(Infinity) and '' ⟹ OK ⟹ 1
            1||a.zzorabsa.n >= andy ⟹ OK ⟹ 1
            2 + a.b ⟹ OK ⟹ 3
            7 ? 2 : a.zz ⟹ OK ⟹ 2
            99999999999999999999 - 10 ⟹ OK ⟹ 99999999999999999989
            99999999999999999999 ? 4294967296 : a.l ⟹ OK ⟹ 4294967296
            99999999999999999999or2.5 ⟹ OK ⟹ 99999999999999999999
            AND ? 2 : "7" ⟹ OK ⟹ 2
            True ? 99999999999999999999 : e.k * qos.x ⟹ OK ⟹ 99999999999999999999
            a.b ⟹ OK ⟹ 1
            a.b  || a.f ⟹ OK ⟹ 1
            a.f && a.f ⟹ OK ⟹ 512
            a.f ? 1 : "7" != 'ab' ⟹ OK ⟹ 1
            a.neg||10 ⟹ OK ⟹ -3
            abs 99999999999999999999 ⟹ OK ⟹ 99999999999999999999
            abs a.neg ^ 2 ⟹ OK ⟹ 9
            abs(not   a.neg) ⟹ OK ⟹ 0
            andy && (2) ⟹ OK ⟹ 2
            max(abs(0),a.b) ⟹ OK ⟹ 1
            min(Infinity, a.b) ⟹ OK ⟹ 1
            "7",1.5 and 1 <> (a.b&&nothing) ⟹ OK ⟹ ['7', True]
            '' , max||. ⟹ OK ⟹ ['', 'max']
            '' ? "a'b" : 1.5*10 <= +4294967296 AND 007 , " 5 " ⟹ OK ⟹ [7, ' 5 ']
            '', 0.0 || a.s ⟹ OK ⟹ ['', 'abc']
            'it''s' , " 5 " ⟹ OK ⟹ ['its', ' 5 ']
            (!"a'b",0) ⟹ OK ⟹ [False, 0]
            ((not foo , NOTE)) ⟹ OK ⟹ [False, False]
            (OR,3>100 * a.x) ⟹ OK ⟹ ['OR', False]
            (a.b , 2) ⟹ OK ⟹ [1, 2]
            (a.g,10) , (0 OR 007) ⟹ OK ⟹ [[2.5, 10], 7]
            0.0 , a.b ⟹ OK ⟹ [0.0, 1]
            0.0,x ⟹ OK ⟹ [0.0, 'x']
            007,a.neg ⟹ OK ⟹ [7, -3]
            1 ^ abs a.neg > 10,min ? True == notnot < "7" ^ a.q : a.neg , AND ⟹ OK ⟹ [False, False, 'AND']
            10 ? "a'b" : False <= "7" , "2.5" ⟹ OK ⟹ ['ab', '2.5']
            10,0 <= 3 or a.g ⟹ OK ⟹ [10, True]
            100 , 'it''s'<>3 ⟹ OK ⟹ [100, True]
            NOT NOT 'x' ? a.b : 7 >= 7 , a.neg ⟹ OK ⟹ [1, -3]
            NOTE , "a'b" ⟹ OK ⟹ [False, 'ab']
            OR,'inf' ⟹ OK ⟹ ['OR', 'inf']
            a.neg,99999999999999999999 ⟹ OK ⟹ [-3, 99999999999999999999]
            a.q<>"2.5" <= " 5 "||+Infinity > 2.5 ^ 0.0 , 2.5 ? a.neg : '' ⟹ OK ⟹ [True, -3]
            a.xanda.q , 0 ⟹ OK ⟹ ['a.xanda.q', 0]
            not 2.5,a.f ⟹ OK ⟹ [False, 512]
            notOR ,and ⟹ OK ⟹ [False, 'and']
            nothing , . ⟹ OK ⟹ [False, '.']
            nothing , a.g ⟹ OK ⟹ [False, 2.5]
            orb ? 7 : NOTE , foo != 1.5 ⟹ OK ⟹ [7, True]
            x , 'it''s' ⟹ OK ⟹ ['x', 'its']
            x , 1 == 1.5 ⟹ OK ⟹ ['x', False]
            (1) or "7" , inf ⟹ OK ⟹ [1, inf]
            (9223372036854775807 >=  3) AND 9223372036854775808, Infinity ⟹ OK ⟹ [9223372036854775808, inf]
            (a.g)  and inf *  inf ,  abs(9223372036854775807) ⟹ OK ⟹ [inf, 9223372036854775807]
            (a.neg) AND 'ab', nan ⟹ OK ⟹ ['ab', nan]
            (a.s , nan * 7) ⟹ OK ⟹ ['abc', nan]
            -True ? a.b.c : 2,007 ? Infinity : abs ⟹ OK ⟹ [2, inf]
            2 , inf ⟹ OK ⟹ [2, inf]
            2.5 , inf ⟹ OK ⟹ [2.5, inf]
            99999999999999999999 , 1>3 || Infinity ⟹ OK ⟹ [99999999999999999999, inf]
            INF  , 1.5 ⟹ OK ⟹ [inf, 1.5]
            Infinity,99999999999999999999 ⟹ OK ⟹ [inf, 99999999999999999999]
            and , nan ⟹ OK ⟹ ['and', nan]
            inf , 0 AND abs ? not : a.zz ⟹ OK ⟹ [inf, 0]
            inf , 007 ? abs10 : a.l ⟹ OK ⟹ [inf, 10]
            inf , a.s ⟹ OK ⟹ [inf, 'abc']
            inf, a.q ⟹ OK ⟹ [inf, '7']
            inf,3 ⟹ OK ⟹ [inf, 3]
            nan ,  'ab' < max(a.q,a.q) ⟹ OK ⟹ [nan, False]
            "7"|| 2 ⟹ OK ⟹ '7'
            "a'b" && x ⟹ OK ⟹ 'x'
            "a'b" ? False : " 5 " ⟹ OK ⟹ 'False'
            '' andy ⟹ OK ⟹ ''
            'a' *3 ⟹ OK ⟹ 'aaa'
            'a''"' ⟹ OK ⟹ 'a'
            'it''s' || 7 ? a.b : 2 < (007 > a.b) <> abs == "a'b" ⟹ OK ⟹ 'its'
            'it''s'+ x ⟹ OK ⟹ 'itsx'
            'x' or a.b ⟹ OK ⟹ 'x'
            (  'a' ) ⟹ OK ⟹ 'a'
            (  a.f ?  'it''s'  :9223372036854775808 ) ⟹ OK ⟹ 'its'
            (  min(a.s) ) ⟹ OK ⟹ 'a'
            (3 ? '' : abs) ⟹ OK ⟹ ''
            (3) and "7" ⟹ OK ⟹ '7'
            (9223372036854775808) and '' ⟹ OK ⟹ ''
            (a.q + andy) ⟹ OK ⟹ '7andy'
            (abs) ⟹ OK ⟹ 'abs'
            (max)||abs2.5 && 99999999999999999999-1 ⟹ OK ⟹ 'max'
            (min"a'b") ⟹ OK ⟹ 'a'
            +False || 2 == min ? notnot : 0 ⟹ OK ⟹ 'False'
            - a.b.c ⟹ OK ⟹ ''
            -2 && 'it''s' ? a.q : ('' AND a.s) ⟹ OK ⟹ '7'
            -OR ⟹ OK ⟹ ''
            2 && nothing > 0.0 < not a.l ? "2.5" : "7" ⟹ OK ⟹ '7'
            3 ? abs : '' ⟹ OK ⟹ 'abs'
            AND ? 'inf' : e.k ⟹ OK ⟹ 'inf'
            ANDor ⟹ OK ⟹ 'ANDor'
            OR == "2.5" ? 99999999999999999999 : x ⟹ OK ⟹ 'x'
            OR ? 'it''s' : a.neg ⟹ OK ⟹ 'its'
            OR>="a'b"or-" 5 " ⟹ OK ⟹ ''
            ORinfinity ⟹ OK ⟹ 'ORinfinity'
            _ ? OR : 1.5 ⟹ OK ⟹ 'OR'
            absAND ⟹ OK ⟹ 'absAND'
            absx ? andy : a.q or e.k ⟹ OK ⟹ 'andy'
            andy ⟹ OK ⟹ 'andy'
            andy+ orb ⟹ OK ⟹ 'andyorb'
            andyInfinity ⟹ OK ⟹ 'andyInfinity'
            maxnothing ⟹ OK ⟹ 'maxnothing'
            orNaN ⟹ OK ⟹ 'orNaN'
            or||a.s ⟹ OK ⟹ 'or'
            "7" * 99999999999999999999 ⟹ OverflowError ⟹ cannot fit 'int' into an index-sized integer
            "a'b" * 99999999999999999999 ⟹ OverflowError ⟹ cannot fit 'int' into an index-sized integer
            (  100!= a.s *(9223372036854775808)AND a.f ) ⟹ OverflowError ⟹ cannot fit 'int' into an index-sized integer
            ( a.q * 9223372036854775808 ) ⟹ OverflowError ⟹ cannot fit 'int' into an index-sized integer
            (99999999999999999999 * " 5 ") ? NOT 4294967296<=2.5 : 3 ⟹ OverflowError ⟹ cannot fit 'int' into an index-sized integer
            (a.x ? 99999999999999999999 : 1.5) * a.b*'inf' > qos.x ⟹ OverflowError ⟹ cannot fit 'int' into an index-sized integer
            +'x' ? 2.5^99999999999999999999 : 99999999999999999999 ⟹ OverflowError ⟹ (34, 'Numerical result out of range')
            0.0-" 5 " * 99999999999999999999 > 100 ⟹ OverflowError ⟹ cannot fit 'int' into an index-sized integer
            100*  a.g^ 9223372036854775807 ⟹ OverflowError ⟹ (34, 'Numerical result out of range')
            9223372036854775808* 'it''s' ⟹ OverflowError ⟹ cannot fit 'int' into an index-sized integer
            99999999999999999999 * NOT ⟹ OverflowError ⟹ cannot fit 'int' into an index-sized integer
            99999999999999999999 * a.q && a.zz ⟹ OverflowError ⟹ cannot fit 'int' into an index-sized integer
            Infinity||2.5 ^ 99999999999999999999/False ^ 0 ⟹ OverflowError ⟹ (34, 'Numerical result out of range')
            max(9223372036854775807,3)  *  "2.5" ⟹ OverflowError ⟹ repeated string is too long
            not*99999999999999999999 >= a.zz^0.0 ? "a'b" : abs ⟹ OverflowError ⟹ cannot fit 'int' into an index-sized integer
            !1 OR '' ? True : !1 || mina.n <> 1.5 ? not ? min : 0 : qos.x ⟹ PARSE
            != ^ ) ⟹ PARSE
            != max/é. 1.^ abs ⟹ PARSE
            " 5 " +: >="a'b" OR  && ⟹ PARSE
            "" _and )1. != '' ⟹ PARSE
            "2.5"  and'it''s' /a.b <=  +  ? ⟹ PARSE
            "a'b" or  not  OR  != ⟹ PARSE
            # 1x ='? ⟹ PARSE
            & x.00x..a_b.c_d ⟹ PARSE
            &&  a.zz  <>not 'ab' ? zz.x ,/ ⟹ PARSE
            && *<0.0 ⟹ PARSE
            'abc <> ⟹ PARSE
            'it''s''x'' inf(1) ⟹ PARSE
            ( a.b.c=<1e5, .5 ⟹ PARSE
            (1)notnot ⟹ PARSE
            (7 ⟹ PARSE
            )  !a.q a.neg  a.s ! ⟹ PARSE
            ) zz.x Infinity 3 'it''s' ⟹ PARSE
            * OR >< ⟹ PARSE
            +=<!=10'it''s'!= 'a' ⟹ PARSE
            ,"b"or AND$abs ⟹ PARSE
            - <=  foo ⟹ PARSE
            ..%,+OR ⟹ PARSE
            .5 a.s=>&& > ⟹ PARSE
            .5 infinity""INF ⟹ PARSE
            /  100 0.0and ⟹ PARSE
            / (>inf..10 ⟹ PARSE
            0'OR=> ⟹ PARSE
            1.5.5 max(1,2) ⟹ PARSE
            1.ANDY <INF.5'a.x2 ⟹ PARSE
            10  ^ notor  %2.5  andy ⟹ PARSE
            1e5nothing== ⟹ PARSE
            2 2%NOT ⟹ PARSE
            3max $ ⟹ PARSE
            4294967296 ''inf "7"  NOT  && ⟹ PARSE
            <  a.n  ^ <=  and(  - ⟹ PARSE
            < 'ab' AND qos.xAND  7 and ⟹ PARSE
            <ANDorb ..=%0 ⟹ PARSE
            => (1) x. |'"' ()10a.q ⟹ PARSE
            >=Infinity%#.x ⟹ PARSE
            ?  >= ⟹ PARSE
            ? , ⟹ PARSE
            ? NOTE'abc.AND)+ ⟹ PARSE
            ?? ⟹ PARSE
            ?nan a.q >a.b.c<=  + ⟹ PARSE
            INF%a..xnan ⟹ PARSE
            INFmax(1,2)<>("" a.b.c^ ⟹ PARSE
            Infinity/or x. |not1% ⟹ PARSE
            Infinityé!!<>orand ⟹ PARSE
            NOT a.g=<1. 'a' ⟹ PARSE
            True <>True <=! ⟹ PARSE
            ^  not a.s  a.x"7"7 ^ ⟹ PARSE
            ^! * ⟹ PARSE
            a.l a.s  and) e.k qos.x 99999999999999999999 ⟹ PARSE
            a.s(: NOTE notnotnotnot ⟹ PARSE
            a.x2OR )é? ⟹ PARSE
            abs(falseNaN ⟹ PARSE
            inf01e5>= $_ () ' ⟹ PARSE
            min zz.xandy 7 ! ⟹ PARSE
            x1inf ⟹ PARSE
            " 5 "-NOTE/notnot and a.zz ⟹ PE ⟹ KeyError evaluating string
            'it''s' ? 0 : 007 AND zz.x ? a.g : OR ⟹ PE ⟹ KeyError evaluating string
            (+0.0 >= e.k) ⟹ PE ⟹ KeyError evaluating string
            (a.x) or e.k ⟹ PE ⟹ KeyError evaluating string
            007 && NOTEandqos.x<>e.k,7 OR '' ⟹ PE ⟹ KeyError evaluating string
            007 ? a.zz : nothing ^ 99999999999999999999 ⟹ PE ⟹ KeyError evaluating string
            1.5 > 1 - a.q^e.k ⟹ PE ⟹ KeyError evaluating string
            1.5>=a.zz ⟹ PE ⟹ KeyError evaluating string
            NOT a.zz ⟹ PE ⟹ KeyError evaluating string
            a.xx a.zz ⟹ PE ⟹ KeyError evaluating string
            a_b.c_dINF ⟹ PE ⟹ KeyError evaluating string
            abs zz.x<'inf'/a.n ? 99999999999999999999 : x ⟹ PE ⟹ KeyError evaluating string
            e.k / "a'b" , max2.5 < (a.n) ⟹ PE ⟹ KeyError evaluating string
            e.k ^ _ ? a.zz!=0.0 : a.x <= a.b or (a.zz) OR 1.5 ⟹ PE ⟹ KeyError evaluating string
            e.kOR  ==a.zz ⟹ PE ⟹ KeyError evaluating string
            e.k^1 ⟹ PE ⟹ KeyError evaluating string
            foo NOTzz.x ⟹ PE ⟹ KeyError evaluating string
            ormina.s ⟹ PE ⟹ KeyError evaluating string
            zz.x == 2 ⟹ PE ⟹ KeyError evaluating string
            zz.x ? 1 : 100 or 007 or 2 ⟹ PE ⟹ KeyError evaluating string
            'x' <= _ or qos.x ? zz.x : a.neg || a.b^a.g ⟹ PE ⟹ TypeError evaluating string
            (0ORa.q/a.g or qos.x) ⟹ PE ⟹ TypeError evaluating string
            (1.5 ? qos.x : a.x) ⟹ PE ⟹ TypeError evaluating string
            -7 or qos.x ⟹ PE ⟹ TypeError evaluating string
            0.0^qos.x - 0 ⟹ PE ⟹ TypeError evaluating string
            10 * qos.x ⟹ PE ⟹ TypeError evaluating string
            10andqos.x ⟹ PE ⟹ TypeError evaluating string
            2 <=qos.x ⟹ PE ⟹ TypeError evaluating string
            3 , qos.x ⟹ PE ⟹ TypeError evaluating string
            4294967296 && +qos.x , True ⟹ PE ⟹ TypeError evaluating string
            99999999999999999999||qos.x / "a'b" ⟹ PE ⟹ TypeError evaluating string
            a.b.c ? qos.x : 0.0 ⟹ PE ⟹ TypeError evaluating string
            qos.x  / (max(a.x))AND (a.f)  OR 2.5 ⟹ PE ⟹ TypeError evaluating string
            qos.x < 2.5 ? 'x' : 0.0 ⟹ PE ⟹ TypeError evaluating string
            qos.x ? 'b' :10 ⟹ PE ⟹ TypeError evaluating string
            qos.x+(a.q) ⟹ PE ⟹ TypeError evaluating string
            qos.x+(max) OR (''or" 5 ") ⟹ PE ⟹ TypeError evaluating string
            qos.x+100>NOTE ⟹ PE ⟹ TypeError evaluating string
            qos.x<4294967296 ⟹ PE ⟹ TypeError evaluating string
            qos.x<=0.0 + abs ⟹ PE ⟹ TypeError evaluating string
            'inf'<>"7" or 2.5 >= 99999999999999999999 / 0 ⟹ PE ⟹ ZeroDivisionError: float division by zero
            (0.0 / 0/"2.5") ⟹ PE ⟹ ZeroDivisionError: float division by zero
            (007 == 7 > 2.5/0.0) ⟹ PE ⟹ ZeroDivisionError: float division by zero
            (1/0) ⟹ PE ⟹ ZeroDivisionError: float division by zero
            (100)-007/(0.0) ⟹ PE ⟹ ZeroDivisionError: float division by zero
            (2.5) AND 1.5/+0 ⟹ PE ⟹ ZeroDivisionError: float division by zero
            0 / 0 ⟹ PE ⟹ ZeroDivisionError: float division by zero
            007 / 0>2.5 ⟹ PE ⟹ ZeroDivisionError: float division by zero
            10 / 0 ⟹ PE ⟹ ZeroDivisionError: float division by zero
            12.75 / 0 ⟹ PE ⟹ ZeroDivisionError: float division by zero
            2 / 0 ⟹ PE ⟹ ZeroDivisionError: float division by zero
            2.5/0.0 ⟹ PE ⟹ ZeroDivisionError: float division by zero
            3 / 0 ⟹ PE ⟹ ZeroDivisionError: float division by zero
            7 / 0 OR andy AND 100 ⟹ PE ⟹ ZeroDivisionError: float division by zero
            99999999999999999999 / (4294967296 * 0.0) ? 2 / absa.zz : (False) ⟹ PE ⟹ ZeroDivisionError: float division by zero
            Infinity / abs 0.0 ⟹ PE ⟹ ZeroDivisionError: float division by zero
            Infinity/0orband ⟹ PE ⟹ ZeroDivisionError: float division by zero
            a.neg/0ORa.x > (abs != a.g) ⟹ PE ⟹ ZeroDivisionError: float division by zero
            not 7 <= 0 / 0 or 0 < OR - 7 <> ((nan)) ⟹ PE ⟹ ZeroDivisionError: float division by zero
            !a.neg>"a'b" ⟹ TypeError ⟹ '>' not supported between instances of 'bool' and 'str'
            " 5 " >= a.l ⟹ TypeError ⟹ int() argument must be a string, a bytes-like object or a real number, not 'list'
            "a'b"<a.x ⟹ TypeError ⟹ '<' not supported between instances of 'str' and 'int'
            "iSCSI" /  3 ⟹ TypeError ⟹ unsupported operand type(s) for /=: 'str' and 'float'
            '' <= 1.5 > a.zz ⟹ TypeError ⟹ '<=' not supported between instances of 'str' and 'float'
            '' AND a.n < 2.5 - a.b <> a.zz ⟹ TypeError ⟹ int() argument must be a string, a bytes-like object or a real number, not 'NoneType'
            'ab' ^ '' <> 'x' ? 4294967296 : a.f ⟹ TypeError ⟹ unsupported operand type(s) for ** or pow(): 'str' and 'str'
            'it''s' >= a.neg ⟹ TypeError ⟹ '>=' not supported between instances of 'str' and 'int'
            (( Infinity >=a.n ) ==a.q  ) ⟹ TypeError ⟹ int() argument must be a string, a bytes-like object or a real number, not 'NoneType'
            (2.5) OR (a.l) and iSCSI / nan ⟹ TypeError ⟹ int() argument must be a string, a bytes-like object or a real number, not 'list'
            (7)>abs2.5 - +a.s ⟹ TypeError ⟹ unsupported operand type(s) for -=: 'float' and 'str'
            (a.g)and max(a.s)<= 10 ⟹ TypeError ⟹ '<=' not supported between instances of 'str' and 'int'
            (absFalse||3!=OR >= 100) ⟹ TypeError ⟹ '>=' not supported between instances of 'str' and 'int'
            (min ^ x) ⟹ TypeError ⟹ unsupported operand type(s) for ** or pow(): 'str' and 'str'
            (min(10))  or 'ab' ⟹ TypeError ⟹ 'int' object is not iterable
            +''^'' >= 'it''s' ⟹ TypeError ⟹ unsupported operand type(s) for ** or pow(): 'str' and 'str'
            0.0^1/(a.n) ⟹ TypeError ⟹ int() argument must be a string, a bytes-like object or a real number, not 'NoneType'
            007 ? min10 > mina.g : zz.x <= 'inf' ⟹ TypeError ⟹ 'int' object is not iterable
            1.5 >= "7" ⟹ TypeError ⟹ '>=' not supported between instances of 'float' and 'str'
            1.5<=(0 ? 007 : "2.5") ⟹ TypeError ⟹ '<=' not supported between instances of 'float' and 'str'
            100 + "a'b" ? max99999999999999999999 : NOT<>007 ⟹ TypeError ⟹ unsupported operand type(s) for +=: 'int' and 'str'
            2  + a.s ⟹ TypeError ⟹ unsupported operand type(s) for +=: 'int' and 'str'
            4294967296 or "2.5"-"7" ? 1 : a.nornothing ⟹ TypeError ⟹ unsupported operand type(s) for -=: 'str' and 'str'
            Infinity<=and,NaN. ⟹ TypeError ⟹ '<=' not supported between instances of 'float' and 'str'
            Infinity>0.0 , abs"7" OR not NOT 'ab' ⟹ TypeError ⟹ bad operand type for abs(): 'str'
            NOT  a.n > - a.neg ⟹ TypeError ⟹ int() argument must be a string, a bytes-like object or a real number, not 'NoneType'
            True>a.x ⟹ TypeError ⟹ '>' not supported between instances of 'str' and 'int'
            _<notnot ⟹ TypeError ⟹ '<' not supported between instances of 'str' and 'bool'
            a.n +''  != max(a.q) ⟹ TypeError ⟹ int() argument must be a string, a bytes-like object or a real number, not 'NoneType'
            a.n ? 2.5 : 99999999999999999999 ⟹ TypeError ⟹ int() argument must be a string, a bytes-like object or a real number, not 'NoneType'
            a.neg <= not ⟹ TypeError ⟹ '<=' not supported between instances of 'int' and 'str'
            a.s / 99999999999999999999 and abs10 ⟹ TypeError ⟹ unsupported operand type(s) for /=: 'str' and 'float'
            abs(0.0,  min(2.5,a.g)) ⟹ TypeError ⟹ abs() takes exactly one argument (2 given)
            abs(Infinity <=  3,  min(a.g,7)) ⟹ TypeError ⟹ abs() takes exactly one argument (2 given)
            abs(not  9223372036854775807, a.neg) ⟹ TypeError ⟹ abs() takes exactly one argument (2 given)
            foo >= 99999999999999999999 ⟹ TypeError ⟹ '>=' not supported between instances of 'str' and 'int'
            max ? (_ > a.n) : ((2)) ⟹ TypeError ⟹ int() argument must be a string, a bytes-like object or a real number, not 'NoneType'
            max ? abs > a.b : !a.l ⟹ TypeError ⟹ '>' not supported between instances of 'str' and 'int'
            max('', 1) ⟹ TypeError ⟹ '>' not supported between instances of 'int' and 'str'
            max007 * " 5 " * and ⟹ TypeError ⟹ 'int' object is not iterable
            min(0.5,'a') * 0 <= x ⟹ TypeError ⟹ '<' not supported between instances of 'str' and 'float'
            min10 == e.k ⟹ TypeError ⟹ 'int' object is not iterable
            nan == (1.5*'ab') ⟹ TypeError ⟹ can't multiply sequence by non-int of type 'float'
            nan ? "7"<>007 : "a'b" || NOTE>"2.5" ⟹ TypeError ⟹ '>' not supported between instances of 'bool' and 'str'
            qos.x a.l &&e.k  <= !a.x AND ⟹ TypeError ⟹ int() argument must be a string, a bytes-like object or a real number, not 'list'
            'ab'/NOT  <=  not37 ⟹ ValueError ⟹ could not convert string to float: 'NOT'
            ('ab' / and) ⟹ ValueError ⟹ could not convert string to float: 'and'
            ('ab'<>4294967296 or max''-.) ⟹ ValueError ⟹ max() arg is an empty sequence
            (100>=2.5/False) ⟹ ValueError ⟹ could not convert string to float: 'False'
            (7 / NOTE < 99999999999999999999 ? 0.0 : e.k) ⟹ ValueError ⟹ could not convert string to float: 'NOTE'
            (a.neg/.)+e.k ⟹ ValueError ⟹ could not convert string to float: '.'
            (min'',not "a'b"<=3) ⟹ ValueError ⟹ min() arg is an empty sequence
            7 / andy ⟹ ValueError ⟹ could not convert string to float: 'andy'
            Infinity/or ⟹ ValueError ⟹ could not convert string to float: 'or'
            NOT / 'ab' ⟹ ValueError ⟹ could not convert string to float: 'ab'
            NOT min/'x' ⟹ ValueError ⟹ could not convert string to float: 'x'
            a.b.c/ True,a.q '' ⟹ ValueError ⟹ could not convert string to float: 'True'
            abs a.neg,a.b/(abs) ⟹ ValueError ⟹ could not convert string to float: 'abs'
            max(1,2)/ min ⟹ ValueError ⟹ could not convert string to float: 'min'
            nan/ 'a' ⟹ ValueError ⟹ could not convert string to float: 'a'
            not 2.5<10*a.x/andy ⟹ ValueError ⟹ could not convert string to float: 'andy'
            not or/'it''s' ⟹ ValueError ⟹ could not convert string to float: 'its'
            notnot / OR <= inf ⟹ ValueError ⟹ could not convert string to float: 'OR'
            notnot/NOTE <> nothing ⟹ ValueError ⟹ could not convert string to float: 'NOTE'
            orb /TrueTrue ⟹ ValueError ⟹ could not convert string to float: 'TrueTrue'
            """;

    private static Namespaces namespaces() {
        Map<String, Object> a = new HashMap<>();
        a.put("x", 1L);
        a.put("s", "abc");
        a.put("f", 512.9);
        a.put("b", true);
        a.put("n", null);
        a.put("q", "'7'");
        a.put("l", new ArrayList<>(List.of(1L, 2L)));
        a.put("g", "2.5");
        a.put("neg", -3L);
        Map<String, Object> ns = new HashMap<>();
        ns.put("a", a);
        ns.put("qos", null);
        ns.put("e", new HashMap<>());
        return Namespaces.of(ns);
    }

    static Stream<Arguments> corpus() {
        return CORPUS.lines().filter(l -> !l.isBlank()).map(line -> {
            String[] parts = line.split(" \u27f9 ", 3);
            return Arguments.of(parts[0], parts[1], parts.length > 2 ? parts[2] : "");
        });
    }

    @ParameterizedTest(name = "{0} \u27f9 {1} {2}")
    @MethodSource("corpus")
    void outcomeMatchesCinder(String text, String outcome, String detail) {
        Namespaces ns = namespaces();
        if (outcome.equals("OK")) {
            Object value;
            try {
                value = Expression.parse(text).evaluate(ns);
            } catch (EvaluatorException e) {
                throw new AssertionError(text + " failed: " + e.getMessage(), e);
            }
            assertThat(Py.repr(value)).as(text).isEqualTo(detail);
            return;
        }
        EvaluatorException e = catchThrowableOfType(EvaluatorException.class,
                () -> Expression.parse(text).evaluate(ns));
        assertThat(e).as(text).isNotNull();
        switch (outcome) {
            case "PARSE":
                assertThat(e.kind()).as(text).isEqualTo(EvaluatorException.Kind.PARSE);
                assertThat(e.getMessage()).as(text).startsWith("ParseException: ");
                break;
            case "PE":
                assertThat(e.kind()).as(text).isEqualTo(EvaluatorException.Kind.EVALUATION);
                assertThat(e.pythonType()).as(text).isEqualTo(EvaluatorException.EVALUATOR_PARSE_EXCEPTION);
                assertThat(e.getMessage()).as(text).isEqualTo(detail);
                break;
            default:
                assertThat(e.kind()).as(text).isEqualTo(EvaluatorException.Kind.EVALUATION);
                assertThat(e.pythonType()).as(text).isEqualTo(outcome);
                assertThat(e.getMessage()).as(text).isEqualTo(outcome + ": " + detail);
        }
    }
}
