namespace PlexImprove.Agent.Brains.Playbook.Text;

/// <summary>Which way a line that mixes byte strings and unicode is made consistent.</summary>
public enum TextStrategy
{
    /// <summary>Values become unicode (byte strings decoded as UTF-8): where bytes meet unicode.</summary>
    ToText,

    /// <summary>Values become UTF-8 byte strings: where unicode reaches a call that needs bytes.</summary>
    ToBytes,
}
