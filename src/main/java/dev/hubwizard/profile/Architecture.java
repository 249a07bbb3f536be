package dev.hubwizard.profile;

/** The CPU architecture of the image and of the Fargate task that runs it; they must match. */
public enum Architecture {
    X86_64("linux/amd64", "amd64"),
    ARM64("linux/arm64", "arm64");

    private final String dockerPlatform;
    private final String goArch;

    Architecture(String dockerPlatform, String goArch) {
        this.dockerPlatform = dockerPlatform;
        this.goArch = goArch;
    }

    /** The platform string {@code docker build --platform} takes. */
    public String dockerPlatform() {
        return dockerPlatform;
    }

    /** The name Docker reports an image's architecture by ({@code amd64}, {@code arm64}). */
    public String dockerArchitecture() {
        return goArch;
    }

    public static Architecture fromDockerArchitecture(String architecture) {
        for (Architecture a : values()) {
            if (a.goArch.equals(architecture)) {
                return a;
            }
        }
        throw new IllegalArgumentException("Fargate runs amd64 or arm64 images, not " + architecture);
    }
}
