// The operations APIM creates when it imports Azure OpenAI (spec §7): the Azure OpenAI inference spec
// 2025-03-01-preview as Microsoft's AI-Gateway samples import it (modules/apim/v1/specs/AIFoundryOpenAI.json).
// Paths are relative to the API's URL suffix (which ends in /openai); ids are the spec's operationIds (what
// context.Operation.Id and the Operation ID metric dimension show), names its summaries (context.Operation.Name),
// path parameters its own names (`{deployment-id}`, `{thread_id}`...), as MatchedParameters shows them.
import type { OperationConfig } from '../config/config-types.ts';

const op = (id: string, method: string, urlTemplate: string, name: string): OperationConfig => ({ id, name, method, urlTemplate });
const deployment = '/deployments/{deployment-id}';
const thread = '/threads/{thread_id}';
const run = `${thread}/runs/{run_id}`;
const store = '/vector_stores/{vector_store_id}';
const storeFile = `${store}/files/{file_id}`;
const batch = `${store}/file_batches/{batch_id}`;

export const AZURE_OPENAI_OPERATIONS: readonly OperationConfig[] = [
  op('Completions_Create', 'POST', `${deployment}/completions`, 'Creates a completion for the provided prompt, parameters and chosen model.'),
  op('Embeddings_Create', 'POST', `${deployment}/embeddings`, 'Get a vector representation of a given input that can be easily consumed by machine learning models and algorithms.'),
  op('ChatCompletions_Create', 'POST', `${deployment}/chat/completions`, 'Creates a completion for the chat message'),
  op('Transcriptions_Create', 'POST', `${deployment}/audio/transcriptions`, 'Transcribes audio into the input language.'),
  op('Translations_Create', 'POST', `${deployment}/audio/translations`, 'Transcribes and translates input audio into English text.'),
  op('Speech_Create', 'POST', `${deployment}/audio/speech`, 'Generates audio from the input text.'),
  op('ImageGenerations_Create', 'POST', `${deployment}/images/generations`, 'Generates a batch of images from a text caption on a given DALLE model deployment'),

  op('List_Assistants', 'GET', '/assistants', 'Returns a list of assistants.'),
  op('Create_Assistant', 'POST', '/assistants', 'Create an assistant with a model and instructions.'),
  op('Get_Assistant', 'GET', '/assistants/{assistant_id}', 'Retrieves an assistant.'),
  op('Modify_Assistant', 'POST', '/assistants/{assistant_id}', 'Modifies an assistant.'),
  op('Delete_Assistant', 'DELETE', '/assistants/{assistant_id}', 'Delete an assistant.'),
  op('Create_Thread', 'POST', '/threads', 'Create a thread.'),
  op('Get_Thread', 'GET', thread, 'Retrieves a thread.'),
  op('Modify_Thread', 'POST', thread, 'Modifies a thread.'),
  op('Delete_Thread', 'DELETE', thread, 'Delete a thread.'),
  op('List_Messages', 'GET', `${thread}/messages`, 'Returns a list of messages for a given thread.'),
  op('Create_Message', 'POST', `${thread}/messages`, 'Create a message.'),
  op('Get_Message', 'GET', `${thread}/messages/{message_id}`, 'Retrieve a message.'),
  op('Modify_Message', 'POST', `${thread}/messages/{message_id}`, 'Modifies a message.'),
  op('Create_Thread_And_Run', 'POST', '/threads/runs', 'Create a thread and run it in one request.'),
  op('List_Runs', 'GET', `${thread}/runs`, 'Returns a list of runs belonging to a thread.'),
  op('Create_Run', 'POST', `${thread}/runs`, 'Create a run.'),
  op('Get_Run', 'GET', run, 'Retrieves a run.'),
  op('Modify_Run', 'POST', run, 'Modifies a run.'),
  // The spec's own summary, cut short where it is.
  op('Submit_Tool_Outputs_To_Run', 'POST', `${run}/submit_tool_outputs`, 'When a run has the `status: "requires_action"` and `required_action.'),
  op('Cancel_Run', 'POST', `${run}/cancel`, 'Cancels a run that is `in_progress`.'),
  op('List_Run_Steps', 'GET', `${run}/steps`, 'Returns a list of run steps belonging to a run.'),
  op('Get_Run_Step', 'GET', `${run}/steps/{step_id}`, 'Retrieves a run step.'),

  op('List_Vector_Stores', 'GET', '/vector_stores', 'Returns a list of vector stores.'),
  op('Create_Vector_Store', 'POST', '/vector_stores', 'Create a vector store.'),
  op('Get_Vector_Store', 'GET', store, 'Retrieves a vector store.'),
  op('Modify_Vector_Store', 'POST', store, 'Modifies a vector store.'),
  op('Delete_Vector_Store', 'DELETE', store, 'Delete a vector store.'),
  op('List_Vector_Store_Files', 'GET', `${store}/files`, 'Returns a list of vector store files.'),
  op('Create_Vector_Store_File', 'POST', `${store}/files`, 'Create a vector store file by attaching a File to a vector store.'),
  op('Get_Vector_Store_File', 'GET', storeFile, 'Retrieves a vector store file.'),
  op('Delete_Vector_Store_File', 'DELETE', storeFile, 'Delete a vector store file.'),
  op('Update_Vector_Store_File_Attributes', 'POST', storeFile, 'Update attributes on a vector store file.'),
  op('Retrieve_Vector_Store_File_Content', 'GET', `${storeFile}/content`, 'Retrieve the parsed contents of a vector store file.'),
  op('Search_Vector_Store', 'POST', `${store}/search`, 'Search a vector store for relevant chunks based on a query and file attributes filter.'),
  op('Create_Vector_Store_File_Batch', 'POST', `${store}/file_batches`, 'Create a vector store file batch.'),
  op('Get_Vector_Store_File_Batch', 'GET', batch, 'Retrieves a vector store file batch.'),
  op('Cancel_Vector_Store_File_Batch', 'POST', `${batch}/cancel`, 'Cancel a vector store file batch.'),
  op('List_Vector_Store_File_Batch_Files', 'GET', `${batch}/files`, 'Returns a list of vector store files in a batch.'),

  op('Create_Response', 'POST', '/responses', 'Creates a model response.'),
  op('Get_Response', 'GET', '/responses/{response_id}', 'Retrieves a model response with the given ID.'),
  op('Delete_Response', 'DELETE', '/responses/{response_id}', 'Deletes a model response with the given ID.'),
  op('Get_Input_Items', 'GET', '/responses/{response_id}/input_items', 'Returns a list of input items for a given response.'),
];
