package dev.hubwizard.testbed.strict;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The character sets, lengths and reserved prefixes AWS documents for the texts it stores, which moto
 * mostly accepts whatever they are: a request with a text AWS would refuse gets AWS's validation error.
 * Each input names the API reference page it plays. Texts are checked wherever they appear in a request
 * (a tag value in any operation), by the field's name in the service's protocol: EC2's and the query
 * protocol's form fields ({@code TagSpecification.1.Tag.2.Value}), or the JSON body's path with 1-based
 * indices ({@code tags.2.value}); a field pattern with a {@code key} group checks that part of the path
 * (the keys of a map, such as Cognito's user pool tags).
 */
final class DocumentedInputs implements AwsRule {

    /** What AWS allows in one text: a pattern over the whole text, a length in characters, forbidden starts. */
    record Allowed(String description, Pattern pattern, int min, int max, List<String> forbiddenStarts) {

        Optional<String> problem(String text) {
            int length = text.codePointCount(0, text.length());
            if (length < min || length > max) {
                return Optional.of("Member must have length between " + min + " and " + max + " (it has " + length
                        + ")");
            }
            if (!pattern.matcher(text).matches()) {
                return Optional.of("Member must satisfy " + description);
            }
            return forbiddenStarts.stream().filter(text.toLowerCase(java.util.Locale.ROOT)::startsWith).findFirst()
                    .map(prefix -> "Member must not begin with '" + prefix + "'");
        }
    }

    /**
     * @param operations the operations it is read in, or empty for every operation of the service
     * @param field      the field's name in the request
     */
    private record Input(String service, List<String> operations, Pattern field, Allowed allowed, String documentation) {
    }

    /** The error code each service answers invalid input with. */
    private static final Map<String, String> INVALID = Map.ofEntries(
            Map.entry("ec2", "InvalidParameterValue"), Map.entry("iam", "ValidationError"),
            Map.entry("elasticloadbalancing", "ValidationError"), Map.entry("ecs", "InvalidParameterException"),
            Map.entry("logs", "InvalidParameterException"), Map.entry("ecr", "InvalidParameterException"),
            Map.entry("acm", "ValidationException"), Map.entry("secretsmanager", "InvalidParameterException"),
            Map.entry("cognito-idp", "InvalidParameterException"), Map.entry("elasticfilesystem", "BadRequest"),
            Map.entry("lambda", "InvalidParameterValueException"), Map.entry("events", "ValidationException"));

    // What most services document for tags: "letters, numbers, and spaces representable in UTF-8, and + - = . _ : / @".
    private static final String TAG_CHARACTERS = "[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]";
    private static final Allowed TAG_KEY = allowed("letters, digits, spaces and _ . : / = + - @", TAG_CHARACTERS + "*",
            1, 128, "aws:");
    private static final Allowed TAG_VALUE = allowed("letters, digits, spaces and _ . : / = + - @",
            TAG_CHARACTERS + "*", 0, 256);
    // EC2 (API_Tag): "Tag keys ... accept a maximum of 127 Unicode characters. May not begin with aws:";
    // values "a maximum of 256 Unicode characters".
    private static final Allowed EC2_TAG_KEY = allowed("any Unicode", "(?s).*", 1, 127, "aws:");
    private static final Allowed EC2_TAG_VALUE = allowed("any Unicode", "(?s).*", 0, 256);
    private static final Allowed ECS_NAME = allowed("letters, digits, hyphens and underscores", "[A-Za-z0-9_-]+",
            1, 255);
    private static final Allowed ELB_NAME = allowed("alphanumeric characters or hyphens, not beginning or ending with"
            + " a hyphen", "[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?", 1, 32);

    private static final List<Input> INPUTS = List.of(
            // https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateSecurityGroup.html: "Up to 255
            // characters in length. Cannot start with sg-. Valid characters: a-z, A-Z, 0-9, spaces, and
            // ._-:/()#,@[]+=&;{}!$*" (for the name and the description alike).
            input("ec2", "CreateSecurityGroup", "GroupName", allowed("a-z, A-Z, 0-9, spaces, and ._-:/()#,@[]+=&;{}!$*",
                    "[a-zA-Z0-9 ._\\-:/()#,@\\[\\]+=&;{}!$*]*", 1, 255, "sg-"),
                    "https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateSecurityGroup.html"),
            input("ec2", "CreateSecurityGroup", "GroupDescription", allowed(
                            "a-z, A-Z, 0-9, spaces, and ._-:/()#,@[]+=&;{}!$*", "[a-zA-Z0-9 ._\\-:/()#,@\\[\\]+=&;{}!$*]*",
                            0, 255),
                    "https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateSecurityGroup.html"),
            // API_IpRange / API_Ipv6Range / API_UserIdGroupPair: "Constraints: Up to 255 characters in length.
            // Allowed characters are a-z, A-Z, 0-9, spaces, and ._-:/()#,@[]+=;{}!$*" — no '&', unlike a group's.
            new Input("ec2", List.of("AuthorizeSecurityGroupIngress", "AuthorizeSecurityGroupEgress",
                    "RevokeSecurityGroupIngress", "RevokeSecurityGroupEgress"),
                    Pattern.compile("IpPermissions\\.\\d+\\.(?:IpRanges|Ipv6Ranges|Groups|PrefixListIds)\\.\\d+\\"
                            + ".Description"),
                    allowed("a-z, A-Z, 0-9, spaces, and ._-:/()#,@[]+=;{}!$*", "[a-zA-Z0-9 ._\\-:/()#,@\\[\\]+=;{}!$*]*",
                            0, 255),
                    "https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_IpRange.html"),
            input("ec2", "", "(?:TagSpecification\\.\\d+\\.)?Tag\\.\\d+\\.Key", EC2_TAG_KEY,
                    "https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_Tag.html"),
            input("ec2", "", "(?:TagSpecification\\.\\d+\\.)?Tag\\.\\d+\\.Value", EC2_TAG_VALUE,
                    "https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_Tag.html"),
            // https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateRole.html: RoleName 1-64, pattern
            // [\w+=,.@-]+; Description up to 1000 characters: tab, line feed, carriage return, printable ASCII
            // and Latin-1.
            input("iam", "", "RoleName", allowed("[\\w+=,.@-]+", "[\\w+=,.@-]+", 1, 64),
                    "https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateRole.html"),
            input("iam", "CreateRole", "Description", allowed("printable Latin-1",
                    "[\\u0009\\u000A\\u000D\\u0020-\\u007E\\u00A1-\\u00FF]*", 0, 1000),
                    "https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateRole.html"),
            input("iam", "PutRolePolicy", "PolicyName", allowed("[\\w+=,.@-]+", "[\\w+=,.@-]+", 1, 128),
                    "https://docs.aws.amazon.com/IAM/latest/APIReference/API_PutRolePolicy.html"),
            // https://docs.aws.amazon.com/IAM/latest/APIReference/API_Tag.html
            input("iam", "", "Tags\\.member\\.\\d+\\.Key", TAG_KEY,
                    "https://docs.aws.amazon.com/IAM/latest/APIReference/API_Tag.html"),
            input("iam", "", "Tags\\.member\\.\\d+\\.Value", TAG_VALUE,
                    "https://docs.aws.amazon.com/IAM/latest/APIReference/API_Tag.html"),
            // https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_CreateLoadBalancer.html:
            // "maximum of 32 characters, must contain only alphanumeric characters or hyphens, must not begin or
            // end with a hyphen, and must not begin with 'internal-'".
            input("elasticloadbalancing", "CreateLoadBalancer", "Name", new Allowed(ELB_NAME.description(),
                            ELB_NAME.pattern(), 1, 32, List.of("internal-")),
                    "https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_CreateLoadBalancer.html"),
            input("elasticloadbalancing", "CreateTargetGroup", "Name", ELB_NAME,
                    "https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_CreateTargetGroup.html"),
            input("elasticloadbalancing", "", "Tags\\.member\\.\\d+\\.Key", TAG_KEY,
                    "https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_Tag.html"),
            input("elasticloadbalancing", "", "Tags\\.member\\.\\d+\\.Value", TAG_VALUE,
                    "https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_Tag.html"),
            // https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_CreateCluster.html (and CreateService,
            // RegisterTaskDefinition's family, ContainerDefinition's name): "Up to 255 letters (uppercase and
            // lowercase), numbers, underscores, and hyphens are allowed."
            input("ecs", "CreateCluster", "clusterName", ECS_NAME,
                    "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_CreateCluster.html"),
            input("ecs", "CreateService", "serviceName", ECS_NAME,
                    "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_CreateService.html"),
            input("ecs", "RegisterTaskDefinition", "family", ECS_NAME,
                    "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_RegisterTaskDefinition.html"),
            input("ecs", "RegisterTaskDefinition", "containerDefinitions\\.\\d+\\.name", ECS_NAME,
                    "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ContainerDefinition.html"),
            input("ecs", "", "tags\\.\\d+\\.key", TAG_KEY,
                    "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_Tag.html"),
            input("ecs", "", "tags\\.\\d+\\.value", TAG_VALUE,
                    "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_Tag.html"),
            // https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_CreateLogGroup.html
            input("logs", "CreateLogGroup", "logGroupName", allowed("[\\.\\-_/#A-Za-z0-9]+", "[.\\-_/#A-Za-z0-9]+", 1,
                    512), "https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_CreateLogGroup.html"),
            input("logs", "", "tags\\.(?<key>.+)", TAG_KEY,
                    "https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_CreateLogGroup.html"),
            input("logs", "", "tags\\..+", TAG_VALUE,
                    "https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_CreateLogGroup.html"),
            // https://docs.aws.amazon.com/AmazonECR/latest/APIReference/API_CreateRepository.html
            input("ecr", "CreateRepository", "repositoryName", allowed(
                            "(?:[a-z0-9]+(?:[._-][a-z0-9]+)*/)*[a-z0-9]+(?:[._-][a-z0-9]+)*",
                            "(?:[a-z0-9]+(?:[._-][a-z0-9]+)*/)*[a-z0-9]+(?:[._-][a-z0-9]+)*", 2, 256),
                    "https://docs.aws.amazon.com/AmazonECR/latest/APIReference/API_CreateRepository.html"),
            input("ecr", "", "tags\\.\\d+\\.Key", TAG_KEY,
                    "https://docs.aws.amazon.com/AmazonECR/latest/APIReference/API_Tag.html"),
            input("ecr", "", "tags\\.\\d+\\.Value", TAG_VALUE,
                    "https://docs.aws.amazon.com/AmazonECR/latest/APIReference/API_Tag.html"),
            // https://docs.aws.amazon.com/acm/latest/APIReference/API_RequestCertificate.html: IdempotencyToken
            // 1-32, \w+.
            input("acm", "RequestCertificate", "IdempotencyToken", allowed("\\w+", "\\w+", 1, 32),
                    "https://docs.aws.amazon.com/acm/latest/APIReference/API_RequestCertificate.html"),
            input("acm", "", "Tags\\.\\d+\\.Key", TAG_KEY,
                    "https://docs.aws.amazon.com/acm/latest/APIReference/API_Tag.html"),
            input("acm", "", "Tags\\.\\d+\\.Value", TAG_VALUE,
                    "https://docs.aws.amazon.com/acm/latest/APIReference/API_Tag.html"),
            // https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_CreateSecret.html: "The secret
            // name can contain ASCII letters, numbers, and the following characters: /_+=.@-", up to 512;
            // a description up to 2048 characters.
            input("secretsmanager", "CreateSecret", "Name", allowed("ASCII letters, numbers and /_+=.@-",
                    "[A-Za-z0-9/_+=.@-]+", 1, 512),
                    "https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_CreateSecret.html"),
            input("secretsmanager", "CreateSecret", "Description", allowed("any text", "(?s).*", 0, 2048),
                    "https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_CreateSecret.html"),
            input("secretsmanager", "", "Tags\\.\\d+\\.Key", TAG_KEY,
                    "https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_Tag.html"),
            input("secretsmanager", "", "Tags\\.\\d+\\.Value", TAG_VALUE,
                    "https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_Tag.html"),
            // https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_CreateUserPool.html
            input("cognito-idp", "CreateUserPool", "PoolName", allowed("[\\w\\s+=,.@-]+", "[\\w\\s+=,.@-]+", 1, 128),
                    "https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_CreateUserPool.html"),
            input("cognito-idp", "", "UserPoolTags\\.(?<key>.+)", TAG_KEY,
                    "https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_CreateUserPool.html"),
            input("cognito-idp", "", "UserPoolTags\\..+", TAG_VALUE,
                    "https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_CreateUserPool.html"),
            input("cognito-idp", "", "AdminCreateUserConfig\\.InviteMessageTemplate\\.EmailSubject", allowed(
                            "[\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}\\s]+", "[\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}\\s]+", 1, 140),
                    "https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_MessageTemplateType.html"),
            input("cognito-idp", "", "AdminCreateUserConfig\\.InviteMessageTemplate\\.EmailMessage", allowed(
                            "[\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}\\s*]*\\{####\\}[\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}\\s*]*",
                            "(?s)[\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}\\s*]*\\{####\\}[\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}\\s*]*", 6,
                            20000),
                    "https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_MessageTemplateType.html"),
            input("cognito-idp", "CreateUserPoolClient", "ClientName", allowed("[\\w\\s+=,.@-]+", "[\\w\\s+=,.@-]+", 1,
                    128), "https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_CreateUserPoolClient.html"),
            input("cognito-idp", "CreateUserPoolDomain", "Domain", allowed(
                            "^[a-z0-9](?:[a-z0-9\\-]{0,61}[a-z0-9])?$", "[a-z0-9](?:[a-z0-9\\-]{0,61}[a-z0-9])?", 1, 63),
                    "https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_CreateUserPoolDomain.html"),
            // https://docs.aws.amazon.com/efs/latest/ug/API_CreateFileSystem.html: CreationToken 1-64;
            // API_CreateAccessPoint: ClientToken 1-64; API_Tag: the common tag rule.
            input("elasticfilesystem", "CreateFileSystem", "CreationToken", allowed("1 to 64 characters", "(?s).+", 1,
                    64), "https://docs.aws.amazon.com/efs/latest/ug/API_CreateFileSystem.html"),
            input("elasticfilesystem", "CreateAccessPoint", "ClientToken", allowed("1 to 64 characters", "(?s).+", 1,
                    64), "https://docs.aws.amazon.com/efs/latest/ug/API_CreateAccessPoint.html"),
            input("elasticfilesystem", "", "Tags\\.\\d+\\.Key", TAG_KEY,
                    "https://docs.aws.amazon.com/efs/latest/ug/API_Tag.html"),
            input("elasticfilesystem", "", "Tags\\.\\d+\\.Value", TAG_VALUE,
                    "https://docs.aws.amazon.com/efs/latest/ug/API_Tag.html"),
            // https://docs.aws.amazon.com/lambda/latest/api/API_CreateFunction.html: a function's name (not an ARN)
            // 1-64 of [a-zA-Z0-9-_]; Description 0-256; API_Environment: variable names [a-zA-Z]([a-zA-Z0-9_])+;
            // API_AddPermission: StatementId 1-100 ([a-zA-Z0-9-_]+); tags as most services.
            input("lambda", "CreateFunction", "FunctionName", allowed("[a-zA-Z0-9-_]", "[a-zA-Z0-9_-]+", 1, 64),
                    "https://docs.aws.amazon.com/lambda/latest/api/API_CreateFunction.html"),
            input("lambda", "CreateFunction", "Description", allowed("any text", "(?s).*", 0, 256),
                    "https://docs.aws.amazon.com/lambda/latest/api/API_CreateFunction.html"),
            input("lambda", "", "Environment\\.Variables\\.(?<key>.+)", allowed("[a-zA-Z]([a-zA-Z0-9_])+",
                    "[a-zA-Z][a-zA-Z0-9_]+", 2, 1024),
                    "https://docs.aws.amazon.com/lambda/latest/api/API_Environment.html"),
            input("lambda", "AddPermission", "StatementId", allowed("([a-zA-Z0-9-_]+)", "[a-zA-Z0-9_-]+", 1, 100),
                    "https://docs.aws.amazon.com/lambda/latest/api/API_AddPermission.html"),
            input("lambda", "", "Tags\\.(?<key>.+)", TAG_KEY,
                    "https://docs.aws.amazon.com/lambda/latest/api/API_TagResource.html"),
            input("lambda", "", "Tags\\..+", TAG_VALUE,
                    "https://docs.aws.amazon.com/lambda/latest/api/API_TagResource.html"),
            // https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_PutRule.html: Name 1-64 of
            // [\.\-_A-Za-z0-9]+, Description up to 512; API_Target: Id 1-64, the same characters.
            input("events", "PutRule", "Name", allowed("[\\.\\-_A-Za-z0-9]+", "[.\\-_A-Za-z0-9]+", 1, 64),
                    "https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_PutRule.html"),
            input("events", "PutRule", "Description", allowed("any text", "(?s).*", 0, 512),
                    "https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_PutRule.html"),
            input("events", "PutTargets", "Targets\\.\\d+\\.Id", allowed("[\\.\\-_A-Za-z0-9]+", "[.\\-_A-Za-z0-9]+",
                    1, 64), "https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_Target.html"),
            input("events", "", "Tags\\.\\d+\\.Key", TAG_KEY,
                    "https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_Tag.html"),
            input("events", "", "Tags\\.\\d+\\.Value", TAG_VALUE,
                    "https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_Tag.html"));

    @Override
    public Optional<AwsAnswer> before(AwsRequest request) {
        Map<String, String> fields = fields(request);
        for (Input input : INPUTS) {
            if (!input.service().equals(request.service())
                    || !input.operations().isEmpty() && !input.operations().contains(request.operation())) {
                continue;
            }
            for (Map.Entry<String, String> field : fields.entrySet()) {
                Matcher name = input.field().matcher(field.getKey());
                if (!name.matches()) {
                    continue;
                }
                String text = input.field().pattern().contains("(?<key>") ? name.group("key") : field.getValue();
                Optional<String> problem = input.allowed().problem(text);
                if (problem.isPresent()) {
                    return Optional.of(AwsAnswer.error(request, 400, INVALID.getOrDefault(request.service(),
                            "ValidationException"), "1 validation error detected: Value '" + text + "' at '"
                            + field.getKey() + "' failed to satisfy constraint: " + problem.get()
                            + " (as documented at " + input.documentation() + ")"));
                }
            }
        }
        return Optional.empty();
    }

    /** Every text field of the request by its name: form fields as they are, JSON leaves by their path. */
    static Map<String, String> fields(AwsRequest request) {
        if (!request.form().isEmpty()) {
            return request.form();
        }
        Map<String, String> fields = new LinkedHashMap<>();
        flatten("", request.json(), fields);
        return fields;
    }

    private static void flatten(String path, JsonNode node, Map<String, String> fields) {
        if (node.isObject()) {
            node.properties().forEach(f -> flatten(path.isEmpty() ? f.getKey() : path + "." + f.getKey(),
                    f.getValue(), fields));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                flatten(path + "." + (i + 1), node.get(i), fields);
            }
        } else if (node.isTextual()) {
            fields.put(path, node.asText());
        }
    }

    private static Input input(String service, String operation, String field, Allowed allowed, String documentation) {
        return new Input(service, operation.isEmpty() ? List.of() : List.of(operation), Pattern.compile(field),
                allowed, documentation);
    }

    private static Allowed allowed(String description, String pattern, int min, int max, String... forbiddenStarts) {
        return new Allowed(description, Pattern.compile(pattern), min, max, List.of(forbiddenStarts));
    }
}
