// GET /v2/schemas/task as glance 25 (Zed) serves it: served as is, and the task schema validates POST /v2/tasks.
export const TASK_SCHEMA: Record<string, unknown> = {
  "name": "task",
  "properties": {
    "id": {
      "description": "An identifier for the task",
      "pattern": "^([0-9a-fA-F]){8}-([0-9a-fA-F]){4}-([0-9a-fA-F]){4}-([0-9a-fA-F]){4}-([0-9a-fA-F]){12}$",
      "type": "string"
    },
    "type": {
      "description": "The type of task represented by this content",
      "enum": [
        "import",
        "api_image_import"
      ],
      "type": "string"
    },
    "status": {
      "description": "The current status of this task",
      "enum": [
        "pending",
        "processing",
        "success",
        "failure"
      ],
      "type": "string"
    },
    "input": {
      "description": "The parameters required by task, JSON blob",
      "type": [
        "null",
        "object"
      ]
    },
    "result": {
      "description": "The result of current task, JSON blob",
      "type": [
        "null",
        "object"
      ]
    },
    "owner": {
      "description": "An identifier for the owner of this task",
      "type": "string"
    },
    "message": {
      "description": "Human-readable informative message only included when appropriate (usually on failure)",
      "type": "string"
    },
    "image_id": {
      "description": "Image associated with the task",
      "type": "string"
    },
    "request_id": {
      "description": "Human-readable informative request-id",
      "type": "string"
    },
    "user_id": {
      "description": "User associated with the task",
      "type": "string"
    },
    "expires_at": {
      "description": "Datetime when this resource would be subject to removal",
      "type": [
        "null",
        "string"
      ]
    },
    "created_at": {
      "description": "Datetime when this resource was created",
      "type": "string"
    },
    "updated_at": {
      "description": "Datetime when this resource was updated",
      "type": "string"
    },
    "self": {
      "readOnly": true,
      "type": "string"
    },
    "schema": {
      "readOnly": true,
      "type": "string"
    }
  }
};
