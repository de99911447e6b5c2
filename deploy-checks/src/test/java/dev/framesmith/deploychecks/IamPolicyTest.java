package dev.framesmith.deploychecks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Condition blocks decided as IAM does, including keys the request does not carry. */
class IamPolicyTest {

    private static final String KEY = "arn:aws:kms:eu-west-1:111122223333:key/0b1c2d3e";

    private static IamPolicy.Condition condition(String test, String variable, String... values) {
        return new IamPolicy.Condition(test, variable, List.of(values));
    }

    @Test
    void positiveOperatorsMatchTheirValuesAndFailOnAnAbsentKey() {
        var equals = condition("StringEquals", "kms:ViaService", "s3.eu-west-1.amazonaws.com");
        var like = condition("ArnLike", "kms:EncryptionContext:aws:s3:arn", "arn:aws:s3:::state", "arn:aws:s3:::state/*");

        assertThat(equals.holds(Map.of("kms:ViaService", "s3.eu-west-1.amazonaws.com"))).isTrue();
        assertThat(equals.holds(Map.of("kms:ViaService", "secretsmanager.eu-west-1.amazonaws.com"))).isFalse();
        assertThat(equals.holds(Map.of())).isFalse();
        assertThat(like.holds(Map.of("kms:EncryptionContext:aws:s3:arn", "arn:aws:s3:::state"))).isTrue();
        assertThat(like.holds(Map.of("kms:EncryptionContext:aws:s3:arn", "arn:aws:s3:::state/prod/terraform.tfstate"))).isTrue();
        assertThat(like.holds(Map.of("kms:EncryptionContext:aws:s3:arn", "arn:aws:s3:::state-copy"))).isFalse();
        assertThat(like.holds(Map.of())).isFalse();
    }

    @Test
    void negatedOperatorsHoldOnAnAbsentKeyAndIfExistsAndNullTestPresence() {
        var notLike = condition("StringNotLike", "kms:EncryptionContext:aws:s3:arn", "arn:aws:s3:::state", "arn:aws:s3:::state/*");

        assertThat(notLike.holds(Map.of("kms:EncryptionContext:aws:s3:arn", "arn:aws:s3:::state/x"))).isFalse();
        assertThat(notLike.holds(Map.of("kms:EncryptionContext:aws:s3:arn", "arn:aws:s3:::videos"))).isTrue();
        assertThat(notLike.holds(Map.of())).as("absent key, negated operator").isTrue();
        assertThat(condition("StringEqualsIfExists", "aws:x", "a").holds(Map.of())).isTrue();
        assertThat(condition("StringEqualsIfExists", "aws:x", "a").holds(Map.of("aws:x", "b"))).isFalse();
        assertThat(condition("Null", "aws:RequestTag/k", "true").holds(Map.of())).isTrue();
        assertThat(condition("Null", "aws:RequestTag/k", "true").holds(Map.of("aws:RequestTag/k", "v"))).isFalse();
        assertThat(condition("Null", "aws:RequestTag/k", "false").holds(Map.of("aws:RequestTag/k", "v"))).isTrue();
    }

    @Test
    void anExplicitDenyWithAConditionWinsOnlyWhereItsConditionHolds() {
        IamPolicy policy = new IamPolicy(List.of(
                new IamPolicy.Statement("p", "Allow", true, List.of("kms:*"), List.of("*"), List.of()),
                new IamPolicy.Statement("p", "Deny", false, List.of("kms:Decrypt"), List.of("*"), List.of(),
                        List.of(condition("StringNotLike", "kms:EncryptionContext:aws:s3:arn", "arn:aws:s3:::state/*")))));

        assertThat(policy.allows("kms:Decrypt", KEY, Map.of("kms:EncryptionContext:aws:s3:arn", "arn:aws:s3:::state/k"))).isTrue();
        assertThat(policy.allows("kms:Decrypt", KEY, Map.of("kms:EncryptionContext:aws:s3:arn", "arn:aws:s3:::videos/k"))).isFalse();
        assertThat(policy.allows("kms:Decrypt", KEY, Map.of())).isFalse();
        assertThat(policy.allows("kms:DescribeKey", KEY, Map.of())).isTrue();
    }
}
