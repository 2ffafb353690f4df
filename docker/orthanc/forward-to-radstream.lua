-- Forward every instance Orthanc receives over DICOM C-STORE to RadStream ingest (STOW-RS,
-- POST http://ingest-service:8081/dicomweb/studies). The call is synchronous, so an error
-- (ingest down, 409, ...) is logged by Orthanc and the instance stays in Orthanc's storage:
-- resend it later with  POST /dicom-web/servers/radstream/stow {"Resources":["<id>"]}.
-- Orthanc then recycles old instances once MaximumStorageSize is reached.
function OnStoredInstance(instanceId, tags, metadata, origin)
  if origin ~= nil and origin['RequestOrigin'] == 'Lua' then
    return
  end
  local body = '{"Resources":["' .. instanceId .. '"],"Synchronous":true}'
  local ok, err = pcall(RestApiPost, '/dicom-web/servers/radstream/stow', body)
  if not ok then
    print('RadStream STOW-RS forward failed for instance ' .. instanceId .. ': ' .. tostring(err))
  end
end
