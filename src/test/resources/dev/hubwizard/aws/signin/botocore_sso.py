"""botocore's side of the sign-in tests: reads what Hub Wizard wrote, or writes what the AWS CLI writes.

Every endpoint comes from the standard AWS_ENDPOINT_URL_SSO / AWS_ENDPOINT_URL_SSO_OIDC variables; the files
from HOME and AWS_CONFIG_FILE. Prints JSON on standard output.

  credentials PROFILE           the profile's credentials as botocore resolves them (SSO: from the token cache)
  sign-in SESSION START REGION  signs in with botocore's own OIDC client (device code, confirmed at once over
                                HTTP) and saves the token the way the AWS CLI does, with botocore's cache
"""
import json
import os
import sys
import urllib.request

import boto3
import botocore
import botocore.session
from botocore.utils import JSONFileCache, SSOTokenLoader


def credentials(profile):
    session = boto3.Session(profile_name=profile)
    frozen = session.get_credentials().get_frozen_credentials()
    print(json.dumps({"accessKeyId": frozen.access_key, "botocore": botocore.__version__}))


def sign_in(session_name, start_url, region):
    oidc = botocore.session.get_session().create_client("sso-oidc", region_name=region)
    client = oidc.register_client(clientName="botocore-test", clientType="public",
                                  scopes=["sso:account:access"])
    device = oidc.start_device_authorization(clientId=client["clientId"], clientSecret=client["clientSecret"],
                                             startUrl=start_url)
    urllib.request.urlopen(device["verificationUriComplete"]).read()
    token = oidc.create_token(grantType="urn:ietf:params:oauth:grant-type:device_code",
                              deviceCode=device["deviceCode"], clientId=client["clientId"],
                              clientSecret=client["clientSecret"])
    cache = JSONFileCache(os.path.expanduser(os.path.join("~", ".aws", "sso", "cache")))
    from datetime import datetime, timedelta, timezone
    now = datetime.now(timezone.utc)
    SSOTokenLoader(cache=cache).save_token(start_url, {
        "startUrl": start_url,
        "region": region,
        "accessToken": token["accessToken"],
        "expiresAt": (now + timedelta(seconds=token["expiresIn"])).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "clientId": client["clientId"],
        "clientSecret": client["clientSecret"],
        "registrationExpiresAt": datetime.fromtimestamp(client["clientSecretExpiresAt"], timezone.utc)
        .strftime("%Y-%m-%dT%H:%M:%SZ"),
    }, session_name=session_name)
    print(json.dumps({"accessToken": token["accessToken"]}))


if __name__ == "__main__":
    if sys.argv[1] == "credentials":
        credentials(sys.argv[2])
    elif sys.argv[1] == "sign-in":
        sign_in(sys.argv[2], sys.argv[3], sys.argv[4])
    else:
        sys.exit("unknown command " + sys.argv[1])
