package org.qvarnmr.camel.qvarn.server.protocol;

import java.util.List;

/** The 0.82 error catalogue (section 8.2): codes, statuses and unformatted message templates. */
public final class Errors {
    private Errors() {
    }

    public static ApiError itemDoesNotExist(String id) {
        return new ApiError(404, "ItemDoesNotExist", "Item does not exist").field("item_id", id);
    }

    public static ApiError wrongRevision(String id, String current, Object update) {
        return new ApiError(409, "WrongRevision", "Updating resource {item_id} failed:  resource currently has "
                + "revision {current}, update wants to update {update}")
                .field("item_id", id).field("current", current).field("update", update);
    }

    public static ApiError noItemRevision(String id) {
        return new ApiError(409, "NoItemRevision", "Item has no revision").field("item_id", id);
    }

    public static ApiError contentIsNotJson() {
        return new ApiError(400, "ContentIsNotJSON", "Request content is not valid JSON");
    }

    public static ApiError itemMustBeDict(String conflictingType) {
        return new ApiError(400, "ItemMustBeDict", "The item must be a mapping object (dict)")
                .field("conflicting_type", conflictingType);
    }

    public static ApiError newItemHasIdAlready(Object id) {
        return new ApiError(400, "NewItemHasIdAlready", "New item has id already set").field("item_id", id);
    }

    public static ApiError newItemHasRevisionAlready(Object revision) {
        return new ApiError(400, "NewItemHasRevisionAlready", "New item has revision already set")
                .field("revision", revision);
    }

    public static ApiError itemHasConflictingId(Object id, String wantedId) {
        return new ApiError(400, "ItemHasConflictingId", "Updated item has conflicting id")
                .field("item_id", id).field("wanted_id", wantedId);
    }

    public static ApiError unknownKeys(List<String> keys) {
        return new ApiError(400, "UnknownKeys", "Unknown keys in item: {unknown_keys}").field("unknown_keys", keys);
    }

    public static ApiError itemHasWrongType(Object type, String requiredType) {
        return new ApiError(400, "ItemHasWrongType", "Item has wrong type")
                .field("type", type).field("required_type", requiredType);
    }

    public static ApiError wrongTypeValue(String field, String expectedType, String conflictingType) {
        return new ApiError(400, "WrongTypeValue", "Item field {field_name} has a value of the wrong type: "
                + "expected {expected_type}, got {conflicting_type}")
                .field("field_name", field).field("expected_type", expectedType)
                .field("conflicting_type", conflictingType);
    }

    public static ApiError itemMustHaveList(String conflictingType) {
        return new ApiError(400, "ItemMustHaveList", "Item must have a list value")
                .field("conflicting_type", conflictingType);
    }

    public static ApiError listMustContainStrings(int position, String conflictingValue) {
        return new ApiError(400, "ItemListMustContainStrings", "The list must contain strings")
                .field("position", position).field("conflicting_value", conflictingValue);
    }

    /** 0.82 raises the string-list error for a non-dict in a dict list too, with other field names. */
    public static ApiError listMustContainDicts(int position, Object value) {
        return new ApiError(400, "ItemListMustContainStrings", "The list must contain strings")
                .field("pos", position).field("value", value);
    }

    public static ApiError badSearchCondition() {
        return new ApiError(400, "BadSearchCondition", "Could not parse search condition");
    }

    public static ApiError fieldNotInResource(String field) {
        return new ApiError(400, "FieldNotInResource", "Resource does not contain given field").field("field", field);
    }

    public static ApiError limitWithoutSort() {
        return new ApiError(400, "LimitWithoutSortError", "LIMIT and OFFSET can only be used with together SORT.");
    }

    public static ApiError badLimitValue(String error) {
        return new ApiError(400, "BadLimitValue", "Invalid LIMIT value: {error}.").field("error", error);
    }

    public static ApiError badOffsetValue(String error) {
        return new ApiError(400, "BadOffsetValue", "Invalid OFFSET value: {error}.").field("error", error);
    }

    public static ApiError authorizationHeaderMissing() {
        return new ApiError(401, "AuthorizationHeaderMissing", "Authorization header is missing");
    }

    public static ApiError invalidAuthorizationHeaderFormat() {
        return new ApiError(403, "InvalidAuthorizationHeaderFormat", "Authorization header is in invalid format");
    }

    public static ApiError invalidAccessToken(String tokenError) {
        return new ApiError(401, "InvalidAccessTokenError", "Access token is invalid")
                .field("token_error", tokenError)
                .header("WWW-Authenticate", "Bearer error=\"invalid_token\"");
    }

    public static ApiError noAccessToRouteScope(String scope) {
        return new ApiError(403, "NoAccessToRouteScope", "Access to route scope {route_scope} is not allowed")
                .field("route_scope", scope)
                .header("WWW-Authenticate", "Bearer error=\"insufficient_scope\"");
    }

    public static ApiError contentLengthMissing(String id) {
        return new ApiError(411, "ContentLengthMissing", "Content-Length header is missing").field("item_id", id);
    }

    public static ApiError invalidContentType(String id) {
        return new ApiError(415, "InvalidContentType", "Content-Type header is missing or empty").field("item_id", id);
    }
}
