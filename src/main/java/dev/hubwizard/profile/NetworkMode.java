package dev.hubwizard.profile;

/** Where the hub's task runs. */
public enum NetworkMode {
    /** A VPC of its own: two public subnets in two zones, internet gateway, route table. The default. */
    NEW_VPC,
    /** The account's default VPC and its default subnets. */
    DEFAULT_VPC,
    /** A VPC and public subnets the user picked. */
    EXISTING_VPC
}
