package dev.tourniquet.cli.simulate;

/**
 * The deploy user's access key that is pushed to a public repository.
 *
 * @param accessKeyId the key id (what AWS Health names)
 * @param secret      its secret: the attacker signs every call with it
 * @param userName    the IAM user it belongs to
 * @param userArn     that user's ARN
 * @param userId      that user's unique id ({@code AIDA…}), as GuardDuty and CloudTrail name it
 */
record LeakedKey(String accessKeyId, String secret, String userName, String userArn, String userId) {
}
