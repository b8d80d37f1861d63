package dev.tourniquet.step.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CodePackageTest {
    @Test
    void isLoopback_thisMachineOnly() {
        assertThat(CodePackage.isLoopback("http://127.0.0.1:8080/code.zip?X-Amz-Signature=x")).isTrue();
        assertThat(CodePackage.isLoopback("http://localhost:1/a")).isTrue();
        assertThat(CodePackage.isLoopback("http://[::1]:9/a")).isTrue();
        assertThat(CodePackage.isLoopback("https://awslambda-us-east-1-tasks.s3.us-east-1.amazonaws.com/k")).isFalse();
        assertThat(CodePackage.isLoopback("http://127.0.0.1.example.com/a")).isFalse();
        assertThat(CodePackage.isLoopback("http://10.0.0.1/a")).isFalse();
        assertThat(CodePackage.isLoopback("s3://")).isFalse();
    }

    @Test
    void withoutQuery_dropsThePresignedSignature() {
        assertThat(CodePackage.withoutQuery("https://h/k?X-Amz-Signature=secret")).isEqualTo("https://h/k");
    }
}
