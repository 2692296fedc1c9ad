package dev.apitpl.core.endpoint.lambda;

/**
 * Where a request lands: the region it was signed for and the endpoint's one account.
 *
 * @param region  the region of the request's SigV4 credential scope
 * @param account the local account id
 */
record Scope(String region, String account) {

    String functionArn(String name) {
        return "arn:aws:lambda:" + region + ":" + account + ":function:" + name;
    }
}
