// GET /v2/schemas/members as glance 25 (Zed) serves it with Debian's schema-image.json: served as is and
// used to validate requests, as glance's own schema objects are.
export const MEMBERS_SCHEMA: Record<string, unknown> = {
  "name": "members",
  "properties": {
    "members": {
      "type": "array",
      "items": {
        "name": "member",
        "properties": {
          "member_id": {
            "type": "string",
            "description": "An identifier for the image member (tenantId)"
          },
          "image_id": {
            "type": "string",
            "description": "An identifier for the image",
            "pattern": "^([0-9a-fA-F]){8}-([0-9a-fA-F]){4}-([0-9a-fA-F]){4}-([0-9a-fA-F]){4}-([0-9a-fA-F]){12}$"
          },
          "created_at": {
            "type": "string",
            "description": "Date and time of image member creation"
          },
          "updated_at": {
            "type": "string",
            "description": "Date and time of last modification of image member"
          },
          "status": {
            "type": "string",
            "description": "The status of this image member",
            "enum": [
              "pending",
              "accepted",
              "rejected"
            ]
          },
          "schema": {
            "readOnly": true,
            "type": "string"
          }
        }
      }
    },
    "schema": {
      "type": "string"
    }
  },
  "links": [
    {
      "rel": "describedby",
      "href": "{schema}"
    }
  ]
};
